package dev.vexil.localstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.core.review.ChangeRequestStore;
import dev.vexil.core.review.ChangeRequestStoreContract;
import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.FlagRepositoryContract;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.core.store.support.WriteFaults;
import dev.vexil.model.FlagConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFlagRepositoryTest extends FlagRepositoryContract {
    @TempDir
    Path dir;

    private SqliteFlagRepository sqlite;

    @Override
    protected FlagRepository newRepository() {
        sqlite = new SqliteFlagRepository(dir.resolve("data").resolve("vexil.db"));
        return sqlite;
    }

    private final List<SqliteFlagRepository> others = new ArrayList<>();

    @Override
    protected FlagRepository sameStoreWith(WriteFaults faults) {
        SqliteFlagRepository other = new SqliteFlagRepository(dir.resolve("data").resolve("vexil.db"), faults);
        others.add(other);
        return other;
    }

    @AfterEach
    void close() {
        others.forEach(SqliteFlagRepository::close);
        sqlite.close();
    }

    @Test
    void aStoreOfSchemaOneGetsTheAuditColumnsAndKeepsItsRows() throws Exception {
        Path old = dir.resolve("old").resolve("vexil.db");
        java.nio.file.Files.createDirectories(old.getParent());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old);
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("""
                    CREATE TABLE versions (scope TEXT NOT NULL, rtype TEXT NOT NULL, rkey TEXT NOT NULL,
                      version INTEGER NOT NULL, at TEXT NOT NULL, principal TEXT, action TEXT, comment TEXT, diff TEXT,
                      content TEXT, deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (scope, rtype, rkey, version))
                      WITHOUT ROWID""");
            s.executeUpdate("INSERT INTO versions (scope, rtype, rkey, version, at, principal, action, content)"
                    + " VALUES ('', 'PROJECT', 'p', 1, '2026-01-01T00:00:00Z', 'alice', 'create',"
                    + " '{\"key\":\"p\",\"name\":\"P\",\"roles\":{\"alice\":\"admin\"}}')");
            s.executeUpdate("PRAGMA user_version = 1");
        }
        try (SqliteFlagRepository upgraded = new SqliteFlagRepository(old)) {
            assertThat(upgraded.getProject("p")).get().satisfies(v -> assertThat(v.updatedBy()).isEqualTo("alice"));
            upgraded.createEnvironment("p", new Environment("dev", "Dev", false), meta());
            upgraded.putFlagDefinition("p", boolDefinition("f"), 0, meta());
            upgraded.putFlagConfig("p", "dev", "f", config(true), 0, new dev.vexil.core.store.ChangeMeta(
                    "arn:aws:iam::123456789012:role/Ops", "create", null, null, java.time.Instant.now(), "s1", true));
            assertThat(upgraded.flagConfigHistory("p", "dev", "f")).singleElement().satisfies(entry -> {
                assertThat(entry.sessionName()).isEqualTo("s1");
                assertThat(entry.breakGlass()).isTrue();
            });
        }
    }

    @Test
    void keepsEverythingAcrossARestart() {
        configuredFlag();
        repo.putFlagConfig("p", "dev", "f", config(true, "u1"), 1, meta("bob", "update"));
        repo.putSegment("p", "dev", segment("s", "u1"), 0, meta());
        repo.createSdkKey(sdkKey("p", "dev", "k1", "a".repeat(64)));
        long counter = repo.loadEnvironmentState("p", "dev", List.of()).changeCounter();
        sqlite.close();

        try (SqliteFlagRepository reopened = new SqliteFlagRepository(dir.resolve("data").resolve("vexil.db"))) {
            assertThat(reopened.getFlagConfig("p", "dev", "f")).get().satisfies(c -> {
                assertThat(c.version()).isEqualTo(2);
                assertThat(c.value()).isEqualTo(config(true, "u1"));
                assertThat(c.updatedBy()).isEqualTo("bob");
            });
            assertThat(reopened.flagConfigHistory("p", "dev", "f")).hasSize(2);
            assertThat(reopened.findSdkKeyByHash("a".repeat(64))).isPresent();
            assertThat(reopened.loadEnvironmentState("p", "dev", List.of()).changeCounter()).isEqualTo(counter);
            assertThatThrownBy(() -> reopened.putFlagConfig("p", "dev", "f", config(false), 1, meta()))
                    .isInstanceOf(StoreException.VersionConflict.class);
        }
        sqlite = new SqliteFlagRepository(dir.resolve("data").resolve("vexil.db")); // for @AfterEach
    }

    @Test
    void twoConnectionsToOneFileCannotBothWriteTheSameVersion() {
        configuredFlag();
        try (SqliteFlagRepository second = new SqliteFlagRepository(dir.resolve("data").resolve("vexil.db"))) {
            second.putFlagConfig("p", "dev", "f", config(true, "from-second"), 1, meta());
            assertThatThrownBy(() -> repo.putFlagConfig("p", "dev", "f", config(true, "from-first"), 1, meta()))
                    .isInstanceOfSatisfying(StoreException.VersionConflict.class,
                            e -> assertThat(e.currentVersion()).isEqualTo(2));
        }
        assertThat(repo.getFlagConfig("p", "dev", "f").orElseThrow().value()).isEqualTo(config(true, "from-second"));
    }

    @Test
    void tellsListenersAboutEachCommittedChange() {
        List<ChangeRef> seen = Collections.synchronizedList(new ArrayList<>());
        List<Optional<Long>> visibleToListener = new ArrayList<>();
        sqlite.addChangeListener(seen::add);
        sqlite.addChangeListener(change -> {
            if (change.type() == ResourceType.FLAG_CONFIG) {
                // called after the commit and outside the lock: the change is readable from the listener
                visibleToListener.add(sqlite.getFlagConfig(change.project(), change.environment(), change.key())
                        .map(Versioned::version));
            }
        });

        configuredFlag();
        repo.putFlagConfig("p", "dev", "f", config(true), 1, meta());
        repo.putSegment("p", "prod", segment("s"), 0, meta());
        repo.deleteSegment("p", "prod", "s", 1, meta());
        repo.createSdkKey(sdkKey("p", "dev", "k1", "a".repeat(64)));
        repo.revokeSdkKey("p", "dev", "k1", meta());
        repo.revokeSdkKey("p", "dev", "k1", meta()); // no change: no event
        assertThatThrownBy(() -> repo.putFlagConfig("p", "dev", "f", config(true), 1, meta()))
                .isInstanceOf(StoreException.VersionConflict.class); // failed: no event

        assertThat(seen).containsExactly(
                new ChangeRef("p", null, ResourceType.PROJECT, "p", 1),
                new ChangeRef("p", "dev", ResourceType.ENVIRONMENT, "dev", 1),
                new ChangeRef("p", "prod", ResourceType.ENVIRONMENT, "prod", 1),
                new ChangeRef("p", null, ResourceType.FLAG_DEFINITION, "f", 1),
                new ChangeRef("p", "dev", ResourceType.FLAG_CONFIG, "f", 1),
                new ChangeRef("p", "dev", ResourceType.FLAG_CONFIG, "f", 2),
                new ChangeRef("p", "prod", ResourceType.SEGMENT, "s", 1),
                new ChangeRef("p", "prod", ResourceType.SEGMENT, "s", 2),
                new ChangeRef("p", "dev", ResourceType.SDK_KEY, "k1", 1),
                new ChangeRef("p", "dev", ResourceType.SDK_KEY, "k1", 2));
        assertThat(visibleToListener).containsExactly(Optional.of(1L), Optional.of(2L));
    }

    @Test
    void aFailingListenerNeitherFailsNorUndoesTheWrite() {
        List<ChangeRef> later = new ArrayList<>();
        sqlite.addChangeListener(change -> {
            throw new IllegalStateException("listener bug");
        });
        sqlite.addChangeListener(later::add);

        repo.createProject(new Project("p", "P", Map.of()), meta());
        repo.createEnvironment("p", new Environment("dev", "Dev", false), meta());
        repo.putFlagDefinition("p", boolDefinition("f"), 0, meta());
        Versioned<FlagConfig> written = repo.putFlagConfig("p", "dev", "f", config(true), 0, meta());

        assertThat(written.version()).isEqualTo(1);
        assertThat(repo.getFlagConfig("p", "dev", "f")).isPresent();
        assertThat(later).hasSize(4);
    }

    /** The change-request contract over this test's fresh store (the adapter implements both ports). */
    @Nested
    class ChangeRequests extends ChangeRequestStoreContract {
        @Override
        protected Stores newStores() {
            return new Stores(repo, (ChangeRequestStore) repo);
        }
    }
}
