package dev.vexil.localstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Versioned;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by the version-chain layout (schema 1: the {@code versions} table only, as the old code wrote
 * it) is upgraded when opened: heads and audit positions appear, and opening it again changes nothing.
 */
class SqliteSchemaUpgradeTest {
    @TempDir
    Path dir;

    private void writeOldFile(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    CREATE TABLE versions (scope TEXT NOT NULL, rtype TEXT NOT NULL, rkey TEXT NOT NULL,
                      version INTEGER NOT NULL, at TEXT NOT NULL, principal TEXT, action TEXT, comment TEXT,
                      diff TEXT, content TEXT, deleted INTEGER NOT NULL DEFAULT 0,
                      PRIMARY KEY (scope, rtype, rkey, version)) WITHOUT ROWID""");
            s.executeUpdate("""
                    CREATE TABLE sdk_keys (project TEXT NOT NULL, environment TEXT NOT NULL, id TEXT NOT NULL,
                      name TEXT, hash TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT, revoked_at TEXT,
                      revoked_by TEXT, PRIMARY KEY (project, environment, id))""");
            String def = "{\"key\":\"f\",\"name\":\"F\",\"type\":\"boolean\",\"variations\":[{\"value\":true},"
                    + "{\"value\":false}],\"tags\":[],\"temporary\":true,\"owner\":\"team\"}";
            insert(s, "", "PROJECT", "p", 1, "{\"key\":\"p\",\"name\":\"P\",\"roles\":{\"alice\":\"admin\"}}", 1);
            insert(s, "p", "ENVIRONMENT", "dev", 1, "{\"key\":\"dev\",\"name\":\"Dev\"}", 2);
            insert(s, "p", "FLAG_DEFINITION", "f", 1, def, 3);
            for (int v = 1; v <= 3; v++) {
                insert(s, "p/dev", "FLAG_CONFIG", "f", v, "{\"on\":" + (v == 3) + ",\"salt\":1,\"targets\":[],"
                        + "\"rules\":[],\"prerequisites\":[],\"fallthrough\":{\"variation\":0}}", 3 + v);
            }
            insert(s, "p/dev", "SEGMENT", "s", 1, "{\"key\":\"s\",\"name\":\"S\",\"included\":[\"u1\"]}", 7);
            insert(s, "p/dev", "SEGMENT", "s", 2, null, 8);
            s.executeUpdate("PRAGMA user_version = 1");
        }
    }

    private static void insert(Statement s, String scope, String rtype, String rkey, long version, String content,
                               int second) throws Exception {
        s.executeUpdate("INSERT INTO versions VALUES ('" + scope + "','" + rtype + "','" + rkey + "'," + version
                + ",'2026-01-01T00:00:0" + second + "Z','alice','" + (version == 1 ? "create" : "update") + "',NULL,"
                + "NULL," + (content == null ? "NULL" : "'" + content + "'") + "," + (content == null ? 1 : 0) + ")");
    }

    @Test
    void anOldFileGetsHeadsAndAuditPositionsWhenOpened() throws Exception {
        Path file = dir.resolve("vexil.db");
        writeOldFile(file);

        try (SqliteFlagRepository repo = new SqliteFlagRepository(file)) {
            assertThat(repo.getFlagConfig("p", "dev", "f")).get().extracting(Versioned::version).isEqualTo(3L);
            assertThat(repo.getSegment("p", "dev", "s")).isEmpty(); // its newest version is a tombstone
            assertThat(repo.loadEnvironmentState("p", "dev", List.of()).changeCounter()).isEqualTo(1 + 1 + 3 + 2);
            assertThat(repo.flagConfigHistory("p", "dev", "f")).extracting(HistoryEntry::version)
                    .containsExactly(3L, 2L, 1L);
            assertThat(Page.drain(c -> repo.auditLog(new AuditQuery("p", "dev", null, null, null, null, null), c, 2)))
                    .extracting(e -> e.resourceType() + " " + e.resourceKey() + " v" + e.version()).containsExactly(
                            "SEGMENT s v2", "SEGMENT s v1", "FLAG_CONFIG f v3", "FLAG_CONFIG f v2", "FLAG_CONFIG f v1");
            assertThat(repo.putFlagConfig("p", "dev", "f", repo.getFlagConfig("p", "dev", "f").orElseThrow().value(),
                    3, new ChangeMeta("bob", "update", null, null, null)).version()).isEqualTo(4);
        }
        try (SqliteFlagRepository reopened = new SqliteFlagRepository(file)) { // the upgrade does not run again
            assertThat(reopened.getFlagConfig("p", "dev", "f")).get().extracting(Versioned::version).isEqualTo(4L);
            assertThat(reopened.loadEnvironmentState("p", "dev", List.of()).changeCounter()).isEqualTo(1 + 1 + 4 + 2);
        }
    }
}
