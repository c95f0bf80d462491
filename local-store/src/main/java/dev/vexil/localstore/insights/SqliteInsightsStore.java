package dev.vexil.localstore.insights;

import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.eval.ReasonKind;
import dev.vexil.localstore.SqliteFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The insights store of the local mode: per-minute evaluation counts in their own SQLite file
 * ({@code insights.db} in the data directory), apart from the flag store so that a busy fleet's counts never
 * contend with admin writes, and so that the file can be deleted to forget the counts without touching a flag.
 * One row per project × environment × flag × minute × variation × reason; an add is one transaction of upserts
 * ({@code count = count + excluded.count}). One connection under this object's lock.
 */
public final class SqliteInsightsStore implements InsightsStore, AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS evaluation_counts (
              project TEXT NOT NULL, environment TEXT NOT NULL, flag TEXT NOT NULL,
              minute INTEGER NOT NULL, variation INTEGER NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL,
              PRIMARY KEY (project, environment, flag, minute, variation, reason))""";
    private static final String UPSERT = """
            INSERT INTO evaluation_counts (project, environment, flag, minute, variation, reason, count)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project, environment, flag, minute, variation, reason)
            DO UPDATE SET count = count + excluded.count""";

    private final Connection connection;

    /** Opens (or creates) the store in {@code file}, creating its directory if needed. */
    public SqliteInsightsStore(Path file) {
        connection = SqliteFiles.open(file, false, "insights store");
        try (Statement s = connection.createStatement()) {
            s.executeUpdate(SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the insights store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void add(String project, String environment, Instant minute,
                                 Collection<EvaluationCount> counts) {
        long epochMinute = InsightsStore.requireMinute(minute).getEpochSecond() / 60;
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (EvaluationCount c : counts) {
                    if (c.count() == 0) {
                        continue;
                    }
                    upsert.setString(1, project);
                    upsert.setString(2, environment);
                    upsert.setString(3, c.flag());
                    upsert.setLong(4, epochMinute);
                    upsert.setInt(5, c.variation());
                    upsert.setString(6, c.reason().name());
                    upsert.setLong(7, c.count());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<MinuteCount> counts(String project, String environment, String flag, Instant from,
                                                 Instant to) {
        String sql = "SELECT minute, flag, variation, reason, count FROM evaluation_counts"
                + " WHERE project = ? AND environment = ? AND minute >= ? AND minute < ?"
                + (flag == null ? "" : " AND flag = ?") + " ORDER BY minute, flag, variation, reason";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, project);
            select.setString(2, environment);
            select.setLong(3, ceilMinute(from));
            select.setLong(4, ceilMinute(to));
            if (flag != null) {
                select.setString(5, flag);
            }
            List<MinuteCount> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MinuteCount(Instant.ofEpochSecond(rs.getLong(1) * 60), rs.getString(2), rs.getInt(3),
                            ReasonKind.valueOf(rs.getString(4)), rs.getLong(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Map<String, Instant> lastEvaluated(String project, String environment) {
        String sql = "SELECT flag, MAX(minute) FROM evaluation_counts WHERE project = ? AND environment = ?"
                + " GROUP BY flag";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, project);
            select.setString(2, environment);
            Map<String, Instant> last = new TreeMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), Instant.ofEpochSecond(rs.getLong(2) * 60));
                }
            }
            return last;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The first whole minute at or after {@code instant}: a minute is in a range when its start is. */
    private static long ceilMinute(Instant instant) {
        return Math.ceilDiv(instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0), 60);
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
        return new IllegalStateException("SQLite insights store failed: " + e.getMessage(), e);
    }
}
