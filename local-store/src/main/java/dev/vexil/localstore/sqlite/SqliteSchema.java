package dev.vexil.localstore.sqlite;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.AuditPositions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The tables of the SQLite store (local mode). {@code heads} holds the current version of every mutable resource
 * (the commit point of a change, see {@link VersionRows}); {@code versions} holds every immutable version, its
 * history. {@code scope} is
 * {@code ""} for projects, {@code "<project>"} for environments and flag definitions, and
 * {@code "<project>/<environment>"} for flag configurations and segments. See docs/data-model.md.
 */
final class SqliteSchema {
    /**
     * 1: version chains only; 2: a head row per resource (the current version), filled from the chains, each
     * version row's audit log position, and the audit columns {@code session_name} and {@code break_glass}.
     */
    private static final int SCHEMA_VERSION = 2;

    /** The columns of a version, the same in {@code heads} (current) and {@code versions} (history). */
    private static final String VERSION_COLUMNS = "scope TEXT NOT NULL, rtype TEXT NOT NULL, rkey TEXT NOT NULL,"
            + " version INTEGER NOT NULL, at TEXT NOT NULL, principal TEXT, action TEXT, comment TEXT, diff TEXT,"
            + " content TEXT, deleted INTEGER NOT NULL DEFAULT 0, position TEXT, session_name TEXT,"
            + " break_glass INTEGER NOT NULL DEFAULT 0";

    private SqliteSchema() {
    }

    private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (column.equals(rs.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Version rows written before positions existed get theirs (the same value a new row would get). */
    private static void fillPositions(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet rs = select.executeQuery("SELECT scope, rtype, rkey, version, at FROM versions"
                     + " WHERE position IS NULL");
             PreparedStatement update = connection.prepareStatement("UPDATE versions SET position = ?"
                     + " WHERE scope = ? AND rtype = ? AND rkey = ? AND version = ?")) {
            while (rs.next()) {
                String scope = rs.getString(1);
                ResourceType type = ResourceType.valueOf(rs.getString(2));
                String key = rs.getString(3);
                long version = rs.getLong(4);
                update.setString(1, AuditPositions.of(Instant.parse(rs.getString(5)),
                        RowKeys.environmentOf(scope, type, key), type, key, version));
                update.setString(2, scope);
                update.setString(3, type.name());
                update.setString(4, key);
                update.setLong(5, version);
                update.executeUpdate();
            }
        }
    }

    private static int userVersion(Statement s) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS versions (" + VERSION_COLUMNS
                    + ", PRIMARY KEY (scope, rtype, rkey, version)) WITHOUT ROWID");
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS sdk_keys (
                      project     TEXT NOT NULL,
                      environment TEXT NOT NULL,
                      id          TEXT NOT NULL,
                      name        TEXT,
                      hash        TEXT NOT NULL,
                      created_at  TEXT NOT NULL,
                      created_by  TEXT,
                      revoked_at  TEXT,
                      revoked_by  TEXT,
                      PRIMARY KEY (project, environment, id)
                    )""");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS sdk_keys_by_hash ON sdk_keys (hash)");
            // The apply lease of change requests, one row per environment (docs/change-requests.md).
            s.executeUpdate("CREATE TABLE IF NOT EXISTS apply_leases (scope TEXT NOT NULL PRIMARY KEY,"
                    + " holder TEXT NOT NULL, until_millis INTEGER NOT NULL)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS heads (" + VERSION_COLUMNS
                    + ", PRIMARY KEY (scope, rtype, rkey)) WITHOUT ROWID");
            if (userVersion(s) < SCHEMA_VERSION) {
                if (!hasColumn(s, "versions", "position")) {
                    s.executeUpdate("ALTER TABLE versions ADD COLUMN position TEXT");
                }
                if (!hasColumn(s, "versions", "session_name")) {
                    s.executeUpdate("ALTER TABLE versions ADD COLUMN session_name TEXT");
                    s.executeUpdate("ALTER TABLE versions ADD COLUMN break_glass INTEGER NOT NULL DEFAULT 0");
                }
                fillPositions(connection);
                // A file written before heads existed: each resource's head is its newest version. INSERT OR
                // IGNORE keeps a head a newer writer made already, so running this again changes nothing.
                s.executeUpdate("""
                        INSERT OR IGNORE INTO heads
                        SELECT v.scope, v.rtype, v.rkey, v.version, v.at, v.principal, v.action, v.comment, v.diff,
                               v.content, v.deleted, NULL, v.session_name, v.break_glass FROM versions v
                        JOIN (SELECT scope, rtype, rkey, MAX(version) AS newest FROM versions
                              GROUP BY scope, rtype, rkey) m
                          ON v.scope = m.scope AND v.rtype = m.rtype AND v.rkey = m.rkey AND v.version = m.newest""");
                s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            s.executeUpdate("CREATE INDEX IF NOT EXISTS versions_by_position ON versions (scope, position)");
        }
    }
}
