package dev.vexil.functions.admin;

import dev.vexil.core.store.FlagRepository;
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

@ExtendWith(DynaliteExtension.class)
class QuotasOnDynamoDbTest extends QuotaScenarios {
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
        table = "vexil-quotas-" + TABLES.incrementAndGet();
        VexilTable.create(client, table);
        return new DynamoDbFlagRepository(client, table);
    }

    @AfterEach
    void drop() {
        client.deleteTable(b -> b.tableName(table));
    }
}
