package dev.vexil.functions.admin;

import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.ratelimit.DynamoDbWriteRateLimiter;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteTables;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Lambda's pairing: the DynamoDB repository and the counter item in the same table, on dynalite. */
class WriteRateLimitOnDynamoDbTest extends WriteRateLimitScenarios {
    @RegisterExtension
    final DynaliteTables tables = new DynaliteTables("vexil-rate-admin", VexilTable::create);
    private String table;

    @Override
    FlagRepository repository() {
        table = tables.create();
        return new DynamoDbFlagRepository(tables.client(), table);
    }

    @Override
    WriteRateLimiter limiter(RateLimit limit, SettableClock clock) {
        return new DynamoDbWriteRateLimiter(tables.client(), table, limit, clock);
    }
}
