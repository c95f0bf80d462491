package dev.vexil.functions.admin;

import dev.vexil.core.ratelimit.InProcessWriteRateLimiter;
import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's pairing: SQLite and the in-process limiter. */
class WriteRateLimitOnSqliteTest extends WriteRateLimitScenarios {
    @TempDir
    Path directory;
    private SqliteFlagRepository sqlite;

    @Override
    FlagRepository repository() {
        sqlite = new SqliteFlagRepository(directory.resolve("rate.db"));
        return sqlite;
    }

    @Override
    WriteRateLimiter limiter(RateLimit limit, SettableClock clock) {
        return new InProcessWriteRateLimiter(limit, clock);
    }

    @AfterEach
    void close() {
        sqlite.close();
    }
}
