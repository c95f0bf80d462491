package dev.vexil.localstore.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.release.store.ReleaseKey;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.StoreException;
import dev.vexil.localstore.SqliteFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The release store of local mode: schedules, rollout plans and guard pointers in their own SQLite file
 * ({@code release.db} in the data directory). Every write is one statement whose WHERE clause is the condition
 * (a primary key that must not exist, or the expected revision), so a lost race changes nothing. Due items are
 * read through an index on {@code due_at}. One connection under this object's lock.
 */
public final class SqliteReleaseStore implements ReleaseStore, AutoCloseable {
    private static final String[] SCHEMA = {
            """
            CREATE TABLE IF NOT EXISTS release_items (
              project TEXT NOT NULL, environment TEXT NOT NULL, flag TEXT NOT NULL, kind TEXT NOT NULL,
              id TEXT NOT NULL, revision INTEGER NOT NULL, due_at INTEGER, claim_id TEXT, lease_until INTEGER,
              body TEXT NOT NULL, PRIMARY KEY (project, environment, flag, kind, id))""",
            "CREATE INDEX IF NOT EXISTS release_items_due ON release_items (due_at) WHERE due_at IS NOT NULL",
            """
            CREATE TABLE IF NOT EXISTS release_guards (
              alarm TEXT NOT NULL, project TEXT NOT NULL, environment TEXT NOT NULL, flag TEXT NOT NULL,
              kind TEXT NOT NULL, id TEXT NOT NULL, watch_until INTEGER NOT NULL,
              PRIMARY KEY (alarm, project, environment, flag, kind, id))"""};
    private static final String COLUMNS = "project, environment, flag, kind, id, revision, due_at, claim_id,"
            + " lease_until, body";

    private final Connection connection;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Opens (or creates) the store in {@code file}, creating its directory if needed. */
    public SqliteReleaseStore(Path file) {
        connection = SqliteFiles.open(file, true, "release store");
        try (Statement s = connection.createStatement()) {
            for (String statement : SCHEMA) {
                s.executeUpdate(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the release store's tables in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized ReleaseRecord create(ReleaseRecord record) {
        String sql = "INSERT INTO release_items (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bindKey(insert, 1, record.key());
            bindState(insert, 6, record);
            if (insert.executeUpdate() == 0) {
                throw new StoreException.AlreadyExists(record.key() + " already exists");
            }
            return withRevision(record, 1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized ReleaseRecord replace(ReleaseRecord record, long expectedRevision) {
        String sql = "UPDATE release_items SET revision = revision + 1, due_at = ?, claim_id = ?, lease_until = ?,"
                + " body = ? WHERE project = ? AND environment = ? AND flag = ? AND kind = ? AND id = ?"
                + " AND revision = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            bindState(update, 1, record);
            bindKey(update, 5, record.key());
            update.setLong(10, expectedRevision);
            if (update.executeUpdate() == 0) {
                long current = get(record.key()).map(ReleaseRecord::revision).orElse(0L);
                throw new StoreException.VersionConflict(record.key() + " is at revision " + current
                        + ", not " + expectedRevision, current);
            }
            return withRevision(record, expectedRevision + 1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Optional<ReleaseRecord> get(ReleaseKey key) {
        String sql = "SELECT " + COLUMNS + " FROM release_items WHERE project = ? AND environment = ? AND flag = ?"
                + " AND kind = ? AND id = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bindKey(select, 1, key);
            List<ReleaseRecord> found = read(select);
            return found.stream().findFirst();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<ReleaseRecord> list(String project, String environment, String flag, String kind) {
        String sql = "SELECT " + COLUMNS + " FROM release_items WHERE project = ? AND environment = ? AND flag = ?"
                + " AND kind = ? ORDER BY id";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, project);
            select.setString(2, environment);
            select.setString(3, flag);
            select.setString(4, kind);
            return read(select);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<ReleaseRecord> due(Instant from, Instant to, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM release_items WHERE due_at IS NOT NULL AND due_at >= ?"
                + " AND due_at <= ? ORDER BY due_at, id LIMIT ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, from.toEpochMilli());
            select.setLong(2, to.toEpochMilli());
            select.setInt(3, limit);
            return read(select);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void watch(String alarm, ReleaseKey key, Instant until) {
        String sql = "INSERT INTO release_guards (alarm, project, environment, flag, kind, id, watch_until)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET watch_until = excluded.watch_until";
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, alarm);
            bindKey(upsert, 2, key);
            upsert.setLong(7, until.toEpochMilli());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<ReleaseKey> watchers(String alarm, Instant at) {
        String sql = "SELECT project, environment, flag, kind, id FROM release_guards WHERE alarm = ?"
                + " AND watch_until > ? ORDER BY project, environment, flag, kind, id";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, alarm);
            select.setLong(2, at.toEpochMilli());
            List<ReleaseKey> keys = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    keys.add(new ReleaseKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void bindKey(PreparedStatement statement, int first, ReleaseKey key) throws SQLException {
        statement.setString(first, key.project());
        statement.setString(first + 1, key.environment());
        statement.setString(first + 2, key.flag());
        statement.setString(first + 3, key.kind());
        statement.setString(first + 4, key.id());
    }

    /** due_at, claim_id, lease_until, body from {@code first} on. */
    private void bindState(PreparedStatement statement, int first, ReleaseRecord record) throws SQLException {
        setInstant(statement, first, record.dueAt());
        statement.setString(first + 1, record.claimId());
        setInstant(statement, first + 2, record.leaseUntil());
        try {
            statement.setString(first + 3, mapper.writeValueAsString(record.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    private List<ReleaseRecord> read(PreparedStatement select) throws SQLException {
        List<ReleaseRecord> records = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ReleaseKey key = new ReleaseKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5));
                try {
                    records.add(new ReleaseRecord(key, rs.getLong(6), instant(rs, 7), rs.getString(8),
                            instant(rs, 9), mapper.readTree(rs.getString(10))));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored body of " + key + " is not JSON", e);
                }
            }
        }
        return records;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static ReleaseRecord withRevision(ReleaseRecord record, long revision) {
        return new ReleaseRecord(record.key(), revision, record.dueAt(), record.claimId(), record.leaseUntil(),
                record.body());
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("SQLite release store failed: " + e.getMessage(), e);
    }
}
