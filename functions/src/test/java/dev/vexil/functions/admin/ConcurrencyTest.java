package dev.vexil.functions.admin;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 8 threads × 50 conflicting updates through the API over SQLite: no lost update, no gap in history. */
class ConcurrencyTest {
    @TempDir
    Path directory;

    @Test
    void conflictingUpdatesNeverLoseOneAndLeaveNoGaps() throws Exception {
        try (AdminFixture api = new AdminFixture(directory)) {
            ConflictingWriters.run(api, "race", 8, 50);
        }
    }
}
