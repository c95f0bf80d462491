package dev.vexil.functions.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.ratelimit.WriteRateLimiterContract;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteTables;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against dynalite: two limiters over one table stand for two Lambda containers. */
class DynamoDbWriteRateLimiterTest extends WriteRateLimiterContract {
    @RegisterExtension
    final DynaliteTables tables = new DynaliteTables("vexil-rate", VexilTable::create);
    private String tableName;

    @Override
    protected WriteRateLimiter newLimiter(RateLimit limit, SettableClock clock) {
        tableName = tables.create();
        return new DynamoDbWriteRateLimiter(tables.client(), tableName, limit, clock);
    }

    @Override
    protected WriteRateLimiter sameStore(WriteRateLimiter existing, RateLimit limit, SettableClock clock) {
        return new DynamoDbWriteRateLimiter(tables.client(), tableName, limit, clock);
    }

    @Test
    void theCounterIsOneItemOutsideEveryResourceRangeWithoutTheAttributesStreamConsumersRead() {
        WriteRateLimiter limiter = newLimiter(new RateLimit(5, Duration.ofMinutes(1)), new SettableClock(START));
        limiter.tryAcquire("alice");
        limiter.tryAcquire("alice");

        var items = tables.client().scan(b -> b.tableName(tableName)).items();

        assertThat(items).hasSize(1);
        Map<String, AttributeValue> item = items.get(0);
        assertThat(item.get("pk").s()).startsWith("RATE#").doesNotContain("alice");
        assertThat(item.get("sk").s()).isEqualTo("WRITES");
        assertThat(item.get("writes").n()).isEqualTo("2");
        assertThat(item).doesNotContainKeys("rtype", "project", "environment", "rkey", "version");
    }
}
