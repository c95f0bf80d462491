package dev.vexil.localstore.release;

import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.release.store.ReleaseStoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The release store contract against SQLite (a fresh file per test). */
class SqliteReleaseStoreTest extends ReleaseStoreContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    Path directory;
    private SqliteReleaseStore opened;

    @Override
    protected ReleaseStore newStore() {
        opened = new SqliteReleaseStore(directory.resolve("release-" + FILES.incrementAndGet() + ".db"));
        return opened;
    }

    @AfterEach
    void closeStore() {
        opened.close();
    }
}
