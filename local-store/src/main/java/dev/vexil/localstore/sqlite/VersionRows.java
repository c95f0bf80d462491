package dev.vexil.localstore.sqlite;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.AuditPositions;
import dev.vexil.core.store.support.ChainStorage;
import dev.vexil.core.store.support.ReadMeter;
import dev.vexil.core.store.support.StoredVersion;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code heads} and {@code versions} tables (the SQLite counterpart of the DynamoDB adapter's
 * {@code VersionItems}): the storage operations that {@link dev.vexil.core.store.support.HeadCommits} builds a
 * change from, and the reads. Moving a head is one conditional statement (an INSERT whose primary key fails for a
 * second creator, or an UPDATE that names the version it replaces), so a writer that lost a race, in this process
 * or another one on the same file, changes nothing and decides again.
 */
final class VersionRows implements ChainStorage<RowKeys.Chain> {
    private static final String COLUMNS = "scope, rtype, rkey, version, at, principal, action, comment, diff,"
            + " content, deleted, position, session_name, break_glass";

    private final SqliteConnection db;
    private final ReadMeter meter;

    VersionRows(SqliteConnection db, ReadMeter meter) {
        this.db = db;
        this.meter = meter;
    }

    // --- the writes of a change -------------------------------------------------------------------------------

    @Override
    public Optional<StoredVersion> head(RowKeys.Chain chain) {
        return db.query("SELECT * FROM heads WHERE scope = ? AND rtype = ? AND rkey = ?", this::read,
                chain.scope(), chain.type().name(), chain.key()).stream().findFirst();
    }

    @Override
    public boolean moveHead(RowKeys.Chain chain, StoredVersion current, StoredVersion next) {
        if (current == null) {
            return db.insert("INSERT INTO heads (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    values(chain, next, null));
        }
        return db.update("UPDATE heads SET version = ?, at = ?, principal = ?, action = ?, comment = ?, diff = ?,"
                        + " content = ?, deleted = ?, session_name = ?, break_glass = ?"
                        + " WHERE scope = ? AND rtype = ? AND rkey = ? AND version = ?",
                next.version(), SqliteConnection.text(next.at()), next.principal(), next.action(), next.comment(),
                next.diffJson(), next.contentJson(), next.deleted() ? 1 : 0, next.sessionName(),
                next.breakGlass() ? 1 : 0, chain.scope(), chain.type().name(), chain.key(), current.version()) == 1;
    }

    @Override
    public void putHistoryIfAbsent(RowKeys.Chain chain, StoredVersion version) {
        db.update("INSERT OR IGNORE INTO versions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values(chain, version, AuditPositions.of(chain, version)));
    }

    private static Object[] values(RowKeys.Chain chain, StoredVersion row, String position) {
        return new Object[] {chain.scope(), row.type().name(), row.key(), row.version(),
                SqliteConnection.text(row.at()), row.principal(), row.action(), row.comment(), row.diffJson(),
                row.contentJson(), row.deleted() ? 1 : 0, position, row.sessionName(), row.breakGlass() ? 1 : 0};
    }

    // --- reads ------------------------------------------------------------------------------------------------

    /** The head if it is not a tombstone. */
    Optional<StoredVersion> live(RowKeys.Chain chain) {
        return head(chain).filter(StoredVersion::live);
    }

    @Override
    public Optional<StoredVersion> historyEntry(RowKeys.Chain chain, long version) {
        return db.query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ? AND version = ?",
                this::read, chain.scope(), chain.type().name(), chain.key(), version).stream().findFirst();
    }

    @Override
    public List<StoredVersion> newestFirst(RowKeys.Chain chain, Long beforeVersion, int limit) {
        return db.query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ? AND version < ?"
                        + " ORDER BY version DESC LIMIT ?", this::read, chain.scope(), chain.type().name(),
                chain.key(), beforeVersion == null ? Long.MAX_VALUE : beforeVersion, limit);
    }

    /** The heads of a range (tombstones included), sorted by key, after {@code afterKey}. */
    List<StoredVersion> headsAfter(RowKeys.Range range, String afterKey) {
        return db.query("SELECT * FROM heads WHERE scope = ? AND rtype = ? AND rkey > ? ORDER BY rkey",
                this::read, range.scope(), range.type().name(), afterKey == null ? "" : afterKey);
    }

    /**
     * The version rows of one audit scope (a project: its own rows and its project row), newest first, with
     * {@code atLeast <= position < below} (either bound may be null).
     */
    List<StoredVersion> auditNewestFirst(String project, String environment, String below, String atLeast,
                                         int limit) {
        String scopeCondition = environment == null
                ? "(scope = ? OR (scope = '' AND rtype = 'PROJECT' AND rkey = ?))" : "scope = ? AND ? IS NOT NULL";
        return db.query("SELECT * FROM versions WHERE " + scopeCondition + " AND position < ? AND position >= ?"
                        + " ORDER BY position DESC LIMIT ?", this::read, RowKeys.auditScope(project, environment),
                project, below == null ? "~" : below, atLeast == null ? "" : atLeast, limit);
    }

    List<StoredVersion> heads(RowKeys.Range range) {
        return headsAfter(range, null);
    }

    private StoredVersion read(ResultSet rs) throws SQLException {
        StoredVersion row = new StoredVersion(ResourceType.valueOf(rs.getString("rtype")), rs.getString("rkey"),
                rs.getLong("version"), SqliteConnection.instant(rs.getString("at")), rs.getString("principal"),
                rs.getString("action"), rs.getString("comment"), rs.getString("diff"), rs.getString("content"),
                rs.getInt("deleted") != 0, rs.getString("session_name"), rs.getInt("break_glass") != 0);
        meter.read(1, approximateBytes(row));
        return row;
    }

    /** The row's text, as DynamoDB would count an item: enough to compare reads, not a page-level figure. */
    private static long approximateBytes(StoredVersion row) {
        long bytes = 8 + row.key().length() + row.type().name().length();
        for (String text : new String[] {row.principal(), row.action(), row.comment(), row.diffJson(),
                row.contentJson()}) {
            bytes += text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes + 32; // scope, at, deleted
    }
}
