package dev.vexil.functions.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.ratelimit.WriteRateLimiterContract;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteExtension;
import dev.vexil.testsupport.DynaliteServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against dynalite: two limiters over one table stand for two Lambda containers. */
@ExtendWith(DynaliteExtension.class)
class DynamoDbWriteRateLimiterTest extends WriteRateLimiterContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient client;
    private String tableName;

    @BeforeAll
    static void connect(DynaliteServer dynalite) {
        client = dynalite.newClient();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected WriteRateLimiter newLimiter(RateLimit limit, SettableClock clock) {
        tableName = "vexil-rate-" + TABLES.incrementAndGet();
        VexilTable.create(client, tableName);
        return new DynamoDbWriteRateLimiter(client, tableName, limit, clock);
    }

    @Override
    protected WriteRateLimiter sameStore(WriteRateLimiter existing, RateLimit limit, SettableClock clock) {
        return new DynamoDbWriteRateLimiter(client, tableName, limit, clock);
    }

    @AfterEach
    void dropTable() {
        client.deleteTable(b -> b.tableName(tableName));
    }

    @Test
    void theCounterIsOneItemOutsideEveryResourceRangeWithoutTheAttributesStreamConsumersRead() {
        WriteRateLimiter limiter = newLimiter(new RateLimit(5, Duration.ofMinutes(1)), new SettableClock(START));
        limiter.tryAcquire("alice");
        limiter.tryAcquire("alice");

        var items = client.scan(b -> b.tableName(tableName)).items();

        assertThat(items).hasSize(1);
        Map<String, AttributeValue> item = items.get(0);
        assertThat(item.get("pk").s()).startsWith("RATE#").doesNotContain("alice");
        assertThat(item.get("sk").s()).isEqualTo("WRITES");
        assertThat(item.get("writes").n()).isEqualTo("2");
        assertThat(item).doesNotContainKeys("rtype", "project", "environment", "rkey", "version");
    }
}
