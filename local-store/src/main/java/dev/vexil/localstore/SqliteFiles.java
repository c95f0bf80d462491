package dev.vexil.localstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** Opens the SQLite files of local mode alike: the directory created if needed, WAL journal, a 10 s busy wait. */
public final class SqliteFiles {
    private SqliteFiles() {
    }

    /**
     * A connection to {@code file}; {@code fullSync} makes every commit durable across a power loss (the stores
     * of record), without it a crash may lose the last commits (counts that can be lost). {@code what} names the
     * store in errors.
     */
    public static Connection open(Path file, boolean fullSync, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            if (fullSync) {
                config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            }
            config.setBusyTimeout(10_000);
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
