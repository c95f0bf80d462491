package dev.vexil.functions.admin;

import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteTables;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuotasOnDynamoDbTest extends QuotaScenarios {
    @RegisterExtension
    final DynaliteTables tables = new DynaliteTables("vexil-quotas", VexilTable::create);
    private String table;

    @Override
    FlagRepository repository() {
        table = tables.create();
        return new DynamoDbFlagRepository(tables.client(), table);
    }
}
