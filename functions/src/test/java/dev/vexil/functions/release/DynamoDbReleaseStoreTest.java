package dev.vexil.functions.release;

import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.release.store.ReleaseStoreContract;
import dev.vexil.testsupport.DynaliteExtension;
import dev.vexil.testsupport.DynaliteServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The release store contract against dynalite (one server per JVM, a fresh table per test). */
@ExtendWith(DynaliteExtension.class)
class DynamoDbReleaseStoreTest extends ReleaseStoreContract {
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
    protected ReleaseStore newStore() {
        tableName = "vexil-release-test-" + TABLES.incrementAndGet();
        ReleaseTable.create(client, tableName);
        return new DynamoDbReleaseStore(client, tableName);
    }

    @AfterEach
    void dropTable() {
        client.deleteTable(b -> b.tableName(tableName));
    }
}
