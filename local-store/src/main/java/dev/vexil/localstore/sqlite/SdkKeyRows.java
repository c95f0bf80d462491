package dev.vexil.localstore.sqlite;

import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.core.store.support.AuditLogs;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sdk_keys} table (the SQLite counterpart of the DynamoDB adapter's {@code SdkKeyItems}): one row per
 * key, found by (project, environment, id) or by the hash of its secret. A key row is not a version chain; as on
 * DynamoDB, creation is version 1 and revocation, its only change, version 2.
 */
final class SdkKeyRows {
    private final SqliteConnection db;

    SdkKeyRows(SqliteConnection db) {
        this.db = db;
    }

    /** The version a change feed reports for the key: 1 while active, 2 once revoked. */
    static long version(SdkKeyRecord key) {
        return key.active() ? 1 : 2;
    }

    /** Inserts the key; false when the environment has a key with that id already. */
    boolean insert(SdkKeyRecord key) {
        return db.insert("INSERT INTO sdk_keys (project, environment, id, name, hash, created_at, created_by,"
                        + " revoked_at) VALUES (?,?,?,?,?,?,?,?)",
                key.project(), key.environment(), key.id(), key.name(), key.hash(),
                SqliteConnection.text(key.createdAt() == null ? Instant.now() : key.createdAt()), key.createdBy(),
                SqliteConnection.text(key.revokedAt()));
    }

    /** Revokes the key unless it is revoked already (the first revocation stays); true if this call revoked it. */
    boolean revoke(String project, String environment, String id, Instant at, String principal) {
        return db.update("UPDATE sdk_keys SET revoked_at = ?, revoked_by = ? WHERE project = ? AND environment = ?"
                + " AND id = ? AND revoked_at IS NULL", SqliteConnection.text(at), principal, project, environment, id)
                == 1;
    }

    Optional<SdkKeyRecord> get(String project, String environment, String id) {
        return db.query("SELECT * FROM sdk_keys WHERE project = ? AND environment = ? AND id = ?", SdkKeyRows::read,
                project, environment, id).stream().findFirst();
    }

    List<SdkKeyRecord> list(String project, String environment) {
        return db.query("SELECT * FROM sdk_keys WHERE project = ? AND environment = ? ORDER BY id", SdkKeyRows::read,
                project, environment);
    }

    /** The audit log entries of the environment's keys: each creation, and each revocation with who made it. */
    List<AuditEntry> auditEntries(String project, String environment) {
        return db.query("SELECT * FROM sdk_keys WHERE project = ? AND environment = ?",
                rs -> AuditLogs.sdkKeyEntries(read(rs), rs.getString("revoked_by")), project, environment)
                .stream().flatMap(List::stream).toList();
    }

    /** The key whose secret hashes to {@code hash}, active or revoked. */
    Optional<SdkKeyRecord> findByHash(String hash) {
        return db.query("SELECT * FROM sdk_keys WHERE hash = ? ORDER BY created_at LIMIT 1", SdkKeyRows::read, hash)
                .stream().findFirst();
    }

    private static SdkKeyRecord read(ResultSet rs) throws SQLException {
        return new SdkKeyRecord(rs.getString("id"), rs.getString("project"), rs.getString("environment"),
                rs.getString("name"), rs.getString("hash"), SqliteConnection.instant(rs.getString("created_at")),
                rs.getString("created_by"), SqliteConnection.instant(rs.getString("revoked_at")));
    }
}
