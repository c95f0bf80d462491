package dev.vexil.localstore.sqlite;

import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.ItemLimits;
import dev.vexil.core.store.support.StoredVersion;
import dev.vexil.core.store.support.VersionRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes version chains in the {@code versions} table (the SQLite counterpart of the DynamoDB adapter's
 * {@code VersionItems}). A write inserts version n+1; the table's primary key (scope, rtype, rkey, version) is the
 * concurrency check, so a writer that lost a race (another thread, or another process on the same file) gets a
 * primary-key violation, reads again and decides again.
 */
final class VersionRows {
    private static final int MAX_ATTEMPTS = 5;

    private final SqliteConnection db;

    VersionRows(SqliteConnection db) {
        this.db = db;
    }

    /** A version just inserted, and the newest one before it (null if none). */
    record Written(StoredVersion previous, StoredVersion version) {
    }

    /**
     * Writes the next version of {@code chain} with {@code contentJson}, following the expectedVersion rules of
     * the port. {@code checkParents} throws NotFound for a missing parent; it runs only when the resource is not
     * live yet (as on DynamoDB: parents are never deleted, so a live resource's parents exist).
     */
    StoredVersion write(RowKeys.Chain chain, long expectedVersion, String contentJson, ChangeMeta meta,
                        Runnable checkParents) {
        return append(chain, expectedVersion, false, contentJson, meta, checkParents).version();
    }

    /** Writes a tombstone as the next version; the resource must be live at exactly {@code expectedVersion}. */
    Written delete(RowKeys.Chain chain, long expectedVersion, ChangeMeta meta) {
        return append(chain, expectedVersion, true, null, meta, () -> { });
    }

    /** Decides and inserts under the lock, so that threads of this process never race each other here. */
    private Written append(RowKeys.Chain chain, long expectedVersion, boolean delete, String contentJson,
                           ChangeMeta meta, Runnable checkParents) {
        return db.locked(() -> {
            long current = 0;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                StoredVersion latest = latest(chain).orElse(null);
                current = latest == null ? 0 : latest.version();
                if (attempt == 0 && !VersionRules.isLive(latest)) {
                    checkParents.run();
                }
                long next = delete
                        ? VersionRules.nextVersionForDelete(chain.label(), latest, expectedVersion)
                        : VersionRules.nextVersion(chain.label(), latest, expectedVersion);
                StoredVersion row = StoredVersion.of(chain.type(), chain.key(), next,
                        meta.at() == null ? Instant.now() : meta.at(), meta,
                        ItemLimits.checkContent(chain.label(), contentJson), delete);
                if (insert(chain.scope(), row)) {
                    return new Written(latest, row);
                }
            }
            throw VersionRules.tooMuchContention(chain.label(), current);
        });
    }

    private boolean insert(String scope, StoredVersion row) {
        return db.insert("INSERT INTO versions (scope, rtype, rkey, version, at, principal, action, comment, diff,"
                        + " content, deleted, session_name, break_glass) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                scope, row.type().name(), row.key(), row.version(), SqliteConnection.text(row.at()), row.principal(),
                row.action(), row.comment(), row.diffJson(), row.contentJson(), row.deleted() ? 1 : 0,
                row.sessionName(), row.breakGlass() ? 1 : 0);
    }

    /** The newest version, tombstone or not. */
    Optional<StoredVersion> latest(RowKeys.Chain chain) {
        return db.query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ? ORDER BY version DESC"
                + " LIMIT 1", VersionRows::read, chain.scope(), chain.type().name(), chain.key()).stream().findFirst();
    }

    /** The newest version if it is not a tombstone. */
    Optional<StoredVersion> live(RowKeys.Chain chain) {
        return latest(chain).filter(StoredVersion::live);
    }

    Optional<StoredVersion> version(RowKeys.Chain chain, long version) {
        return db.query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ? AND version = ?",
                VersionRows::read, chain.scope(), chain.type().name(), chain.key(), version).stream().findFirst();
    }

    /** Every version, newest first. */
    List<StoredVersion> newestFirst(RowKeys.Chain chain) {
        return db.query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ? ORDER BY version DESC",
                VersionRows::read, chain.scope(), chain.type().name(), chain.key());
    }

    /** The newest version of each key in the range (tombstones included), sorted by key, after {@code afterKey}. */
    List<StoredVersion> newestPerKey(RowKeys.Range range, String afterKey) {
        return db.query("""
                SELECT v.* FROM versions v
                JOIN (SELECT rkey, MAX(version) AS newest FROM versions
                      WHERE scope = ? AND rtype = ? AND rkey > ? GROUP BY rkey) m
                  ON v.rkey = m.rkey AND v.version = m.newest
                WHERE v.scope = ? AND v.rtype = ?
                ORDER BY v.rkey""", VersionRows::read, range.scope(), range.type().name(),
                afterKey == null ? "" : afterKey, range.scope(), range.type().name());
    }

    List<StoredVersion> newestOfEach(RowKeys.Range range) {
        return newestPerKey(range, null);
    }

    private static StoredVersion read(ResultSet rs) throws SQLException {
        return new StoredVersion(ResourceType.valueOf(rs.getString("rtype")), rs.getString("rkey"),
                rs.getLong("version"), SqliteConnection.instant(rs.getString("at")), rs.getString("principal"),
                rs.getString("action"), rs.getString("comment"), rs.getString("diff"), rs.getString("content"),
                rs.getInt("deleted") != 0, rs.getString("session_name"), rs.getInt("break_glass") != 0);
    }
}
