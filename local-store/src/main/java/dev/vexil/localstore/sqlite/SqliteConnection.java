package dev.vexil.localstore.sqlite;

import dev.vexil.localstore.SqliteFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The store's one JDBC connection and the plumbing around it. Opening applies the durability settings (WAL
 * journal, {@code synchronous=FULL}, so a committed change survives a crash) and the schema. Every statement runs
 * under one reentrant lock, so the operations of this process are serialised; a caller that must decide and write
 * without another thread in between holds the lock across both with {@link #locked}. A failed statement is an
 * {@link IllegalStateException}, except a primary-key violation on insert, which {@link #insert} reports as false.
 */
final class SqliteConnection implements AutoCloseable {
    /** Reads one row of a result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteConnection(Connection connection) {
        this.connection = connection;
    }

    /** Opens (or creates) the database in {@code file}, creating its directory if needed. */
    static SqliteConnection open(Path file) {
        Connection connection = SqliteFiles.open(file, true, "SQLite store");
        try {
            SqliteSchema.apply(connection);
            return new SqliteConnection(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the SQLite store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} holding the lock, so that no other thread of this process uses the store meanwhile. */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code reads} in one read transaction: they all see the same committed state, even if another process writes. */
    <T> T inReadTransaction(Supplier<T> reads) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                return reads.get();
            } finally {
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    <T> List<T> query(String sql, RowReader<T> reader, Object... args) {
        lock.lock();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, args);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs an INSERT; false when the row's primary key exists already (another writer inserted it first). */
    boolean insert(String sql, Object... args) {
        lock.lock();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, args);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                return false;
            }
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs an UPDATE; returns the number of rows it changed. */
    int update(String sql, Object... args) {
        lock.lock();
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            bind(update, args);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the SQLite store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Instants are stored as ISO-8601 text. */
    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("SQLite store failed: " + e.getMessage(), e);
    }
}
