package dev.vexil.functions.admin;

import dev.vexil.core.store.FlagRepository;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class QuotasOnSqliteTest extends QuotaScenarios {
    @TempDir
    Path directory;
    private SqliteFlagRepository sqlite;

    @Override
    FlagRepository repository() {
        sqlite = new SqliteFlagRepository(directory.resolve("quotas.db"));
        return sqlite;
    }

    @AfterEach
    void close() {
        sqlite.close();
    }
}
