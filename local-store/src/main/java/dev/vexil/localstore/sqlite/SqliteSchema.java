package dev.vexil.localstore.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the SQLite store (local mode). {@code versions} holds every immutable version of every mutable
 * resource; its primary key is the concurrency check (inserting version n+1 twice fails). {@code scope} is
 * {@code ""} for projects, {@code "<project>"} for environments and flag definitions, and
 * {@code "<project>/<environment>"} for flag configurations and segments. See docs/data-model.md.
 */
final class SqliteSchema {
    private static final int SCHEMA_VERSION = 2;

    private SqliteSchema() {
    }

    /** Schema 1 had no audit columns: a store written by an older version gets them (empty) on open. */
    private static void addAuditColumns(Connection connection, Statement s) throws SQLException {
        boolean present = false;
        try (ResultSet columns = connection.getMetaData().getColumns(null, null, "versions", "session_name")) {
            present = columns.next();
        }
        if (!present) {
            s.executeUpdate("ALTER TABLE versions ADD COLUMN session_name TEXT");
            s.executeUpdate("ALTER TABLE versions ADD COLUMN break_glass INTEGER NOT NULL DEFAULT 0");
        }
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS versions (
                      scope     TEXT    NOT NULL,
                      rtype     TEXT    NOT NULL,
                      rkey      TEXT    NOT NULL,
                      version   INTEGER NOT NULL,
                      at        TEXT    NOT NULL,
                      principal TEXT,
                      action    TEXT,
                      comment   TEXT,
                      diff      TEXT,
                      content   TEXT,
                      deleted   INTEGER NOT NULL DEFAULT 0,
                      session_name TEXT,
                      break_glass  INTEGER NOT NULL DEFAULT 0,
                      PRIMARY KEY (scope, rtype, rkey, version)
                    ) WITHOUT ROWID""");
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
            addAuditColumns(connection, s);
            s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }
}
