package dev.vexil.functions.release;

import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.release.store.ReleaseStoreContract;
import dev.vexil.testsupport.DynaliteTables;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The release store contract against dynalite (one server per JVM, a fresh table per test). */
class DynamoDbReleaseStoreTest extends ReleaseStoreContract {
    @RegisterExtension
    final DynaliteTables tables = new DynaliteTables("vexil-release-test", ReleaseTable::create);
    private String tableName;

    @Override
    protected ReleaseStore newStore() {
        tableName = tables.create();
        return new DynamoDbReleaseStore(tables.client(), tableName);
    }
}
