package dev.vexil.functions.admin;

import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.ratelimit.DynamoDbWriteRateLimiter;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteExtension;
import dev.vexil.testsupport.DynaliteServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The Lambda's pairing: the DynamoDB repository and the counter item in the same table, on dynalite. */
@ExtendWith(DynaliteExtension.class)
class WriteRateLimitOnDynamoDbTest extends WriteRateLimitScenarios {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient client;
    private String table;

    @BeforeAll
    static void connect(DynaliteServer dynalite) {
        client = dynalite.newClient();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    FlagRepository repository() {
        table = "vexil-rate-admin-" + TABLES.incrementAndGet();
        VexilTable.create(client, table);
        return new DynamoDbFlagRepository(client, table);
    }

    @Override
    WriteRateLimiter limiter(RateLimit limit, SettableClock clock) {
        return new DynamoDbWriteRateLimiter(client, table, limit, clock);
    }

    @AfterEach
    void drop() {
        client.deleteTable(b -> b.tableName(table));
    }
}
