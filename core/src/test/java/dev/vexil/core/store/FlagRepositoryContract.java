package dev.vexil.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.store.support.WriteFaults;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Segment;
import dev.vexil.model.Serve;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FlagRepository} adapter must have. Each adapter's test class extends this and
 * supplies a fresh, empty repository per test.
 */
public abstract class FlagRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final AtomicInteger CLOCK = new AtomicInteger();

    protected FlagRepository repo;

    /** A new, empty repository; called before every test. */
    protected abstract FlagRepository newRepository() throws Exception;

    /**
     * A second repository over the same storage as {@link #repo} (same table, same file), whose changes call
     * {@code faults} after each of their writes: the crash injection of the crash-safety cases.
     */
    protected abstract FlagRepository sameStoreWith(WriteFaults faults) throws Exception;

    @BeforeEach
    void createRepository() throws Exception {
        repo = newRepository();
    }

    // --- fixtures -------------------------------------------------------------------------------------------

    protected static ChangeMeta meta(String principal, String action) {
        return new ChangeMeta(principal, action, null, null, T0.plus(CLOCK.incrementAndGet(), ChronoUnit.SECONDS));
    }

    protected static ChangeMeta meta() {
        return meta("arn:aws:iam::123456789012:user/alice", "create");
    }

    protected static FlagDefinition boolDefinition(String key, String... tags) {
        return new FlagDefinition(key, "Flag " + key, null, FlagType.BOOLEAN,
                List.of(new Variation(BooleanNode.TRUE, "on"), new Variation(BooleanNode.FALSE, "off")),
                List.of(tags), true, "team-a");
    }

    protected static FlagConfig config(boolean on, String... targetedKeys) {
        return new FlagConfig(on, 1, null, targetedKeys.length == 0 ? List.of() : List.of(new Target(0,
                List.of(targetedKeys))), List.of(), List.of(), Serve.variation(on ? 0 : 1), null);
    }

    protected static Segment segment(String key, String... included) {
        return new Segment(key, "Segment " + key, null, List.of(included), List.of(), List.of(), null, null);
    }

    protected static SdkKeyRecord sdkKey(String project, String env, String id, String hash) {
        return new SdkKeyRecord(id, project, env, "server " + id, hash, T0, "alice", null);
    }

    /** A project "p" with environments "dev" and "prod". */
    protected void projectWithTwoEnvironments() {
        repo.createProject(new Project("p", "Project P", Map.of("alice", "admin")), meta());
        repo.createEnvironment("p", new Environment("dev", "Development", false), meta());
        repo.createEnvironment("p", new Environment("prod", "Production", true), meta());
    }

    /** A project "p", environments "dev"/"prod", and a defined flag "f" configured in dev at version 1. */
    protected void configuredFlag() {
        projectWithTwoEnvironments();
        repo.putFlagDefinition("p", boolDefinition("f"), 0, meta());
        repo.putFlagConfig("p", "dev", "f", config(false), 0, meta());
    }

    // --- projects -------------------------------------------------------------------------------------------

    @Test
    void createsReadsAndUpdatesAProject() {
        ChangeMeta created = meta();
        Versioned<Project> v1 = repo.createProject(new Project("p", "Project P", Map.of("alice", "admin")), created);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.updatedAt()).isEqualTo(created.at());
        assertThat(v1.updatedBy()).isEqualTo(created.principal());
        assertThat(v1.etag()).isEqualTo("\"1\"");

        Versioned<Project> v2 = repo.updateProject(new Project("p", "Renamed", Map.of("*", "viewer")), 1,
                meta("bob", "update"));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(repo.getProject("p")).get().satisfies(p -> {
            assertThat(p.version()).isEqualTo(2);
            assertThat(p.value()).isEqualTo(new Project("p", "Renamed", Map.of("*", "viewer")));
            assertThat(p.updatedBy()).isEqualTo("bob");
        });
        assertThat(repo.getProject("nope")).isEmpty();
    }

    @Test
    void refusesADuplicateProjectAndAStaleProjectUpdate() {
        repo.createProject(new Project("p", "Project P", null), meta());
        assertThatThrownBy(() -> repo.createProject(new Project("p", "Again", null), meta()))
                .isInstanceOf(StoreException.AlreadyExists.class);
        repo.updateProject(new Project("p", "Second", null), 1, meta());
        assertThatThrownBy(() -> repo.updateProject(new Project("p", "Stale", null), 1, meta()))
                .isInstanceOfSatisfying(StoreException.VersionConflict.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThatThrownBy(() -> repo.updateProject(new Project("missing", "X", null), 1, meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThat(repo.getProject("p").orElseThrow().value().name()).isEqualTo("Second");
    }

    @Test
    void listsProjectsInKeyOrderOverSeveralPages() {
        List<String> keys = List.of("delta", "alpha", "echo", "charlie", "bravo", "golf", "foxtrot");
        keys.forEach(k -> repo.createProject(new Project(k, k.toUpperCase(), null), meta()));
        repo.updateProject(new Project("charlie", "CHARLIE v2", null), 1, meta()); // history must not duplicate it

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Versioned<Project>> page = repo.listProjects(cursor, 3);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3).isNotEmpty();
            page.items().forEach(p -> seen.add(p.value().key()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf");
        assertThat(repo.listProjects(null, 100).items()).filteredOn(p -> p.value().key().equals("charlie"))
                .singleElement().satisfies(p -> {
                    assertThat(p.version()).isEqualTo(2);
                    assertThat(p.value().name()).isEqualTo("CHARLIE v2");
                });
    }

    @Test
    void refusesAnInvalidCursorAndLimit() {
        assertThatThrownBy(() -> repo.listProjects("%%%not-a-cursor", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.listProjects(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- environments ---------------------------------------------------------------------------------------

    @Test
    void createsAndListsEnvironments() {
        projectWithTwoEnvironments();
        assertThat(repo.getEnvironment("p", "prod")).get().satisfies(e -> {
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.value()).isEqualTo(new Environment("prod", "Production", true));
        });
        assertThat(repo.listEnvironments("p")).extracting(e -> e.value().key()).containsExactly("dev", "prod");
        assertThat(repo.getEnvironment("p", "qa")).isEmpty();
        assertThat(repo.listEnvironments("other")).isEmpty();
    }

    @Test
    void refusesADuplicateEnvironmentAndOneWithoutProject() {
        projectWithTwoEnvironments();
        assertThatThrownBy(() -> repo.createEnvironment("p", new Environment("dev", "Again", true), meta()))
                .isInstanceOf(StoreException.AlreadyExists.class);
        assertThatThrownBy(() -> repo.createEnvironment("missing", new Environment("dev", "Dev", false), meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThat(repo.getEnvironment("p", "dev").orElseThrow().value().name()).isEqualTo("Development");
        assertThat(repo.getEnvironment("missing", "dev")).isEmpty();
    }

    @Test
    void updatesAnEnvironmentConditionallyAndAuditsIt() {
        projectWithTwoEnvironments();
        Environment reviewed = new Environment("prod", "Prod (reviewed)", true,
                new ReviewSettings(2, true, List.of("admin")));
        Versioned<Environment> updated = repo.updateEnvironment("p", reviewed, 1, meta("bob", "update"));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(repo.getEnvironment("p", "prod").orElseThrow().value()).isEqualTo(reviewed);
        assertThat(repo.getEnvironment("p", "prod").orElseThrow().value().reviewSettings().requiredApprovals())
                .isEqualTo(2);

        assertThatThrownBy(() -> repo.updateEnvironment("p", new Environment("prod", "Stale", false), 1, meta()))
                .isInstanceOf(StoreException.VersionConflict.class);
        assertThatThrownBy(() -> repo.updateEnvironment("p", new Environment("qa", "QA", false), 1, meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThat(repo.getEnvironment("p", "prod").orElseThrow().value()).isEqualTo(reviewed);
        assertThat(repo.getEnvironment("p", "qa")).isEmpty();

        List<AuditEntry> log = repo.auditLog(new AuditQuery("p", null, null, ResourceType.ENVIRONMENT, "prod", null,
                null), null, 10).items();
        assertThat(log).extracting(AuditEntry::version, AuditEntry::principal, AuditEntry::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "bob", "update"),
                        org.assertj.core.groups.Tuple.tuple(1L, "arn:aws:iam::123456789012:user/alice", "create"));
        assertThat(repo.getEnvironment("p", "dev").orElseThrow().value().reviewSettings())
                .isEqualTo(ReviewSettings.DEFAULT);
    }

    // --- flag definitions -----------------------------------------------------------------------------------

    @Test
    void createsAndUpdatesADefinitionWithVersionChecks() {
        projectWithTwoEnvironments();
        assertThat(repo.putFlagDefinition("p", boolDefinition("f"), 0, meta()).version()).isEqualTo(1);
        assertThatThrownBy(() -> repo.putFlagDefinition("p", boolDefinition("f"), 0, meta()))
                .isInstanceOf(StoreException.AlreadyExists.class);
        assertThat(repo.putFlagDefinition("p", boolDefinition("f", "beta"), 1, meta()).version()).isEqualTo(2);
        assertThatThrownBy(() -> repo.putFlagDefinition("p", boolDefinition("f", "stale"), 1, meta()))
                .isInstanceOfSatisfying(StoreException.VersionConflict.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThatThrownBy(() -> repo.putFlagDefinition("p", boolDefinition("g"), 4, meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> repo.putFlagDefinition("missing", boolDefinition("f"), 0, meta()))
                .isInstanceOf(StoreException.NotFound.class);

        Versioned<FlagDefinition> current = repo.getFlagDefinition("p", "f").orElseThrow();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.value()).isEqualTo(boolDefinition("f", "beta"));
        assertThat(repo.getFlagDefinition("p", "g")).isEmpty();
    }

    @Test
    void listsDefinitionsByTagOverSeveralPages() {
        projectWithTwoEnvironments();
        for (int i = 0; i < 10; i++) {
            String key = "flag-" + i;
            repo.putFlagDefinition("p", i % 2 == 0 ? boolDefinition(key, "beta", "web") : boolDefinition(key, "web"),
                    0, meta());
        }
        // flag-1 gains the tag and flag-2 loses it in a later version: only the newest version counts.
        repo.putFlagDefinition("p", boolDefinition("flag-1", "beta"), 1, meta());
        repo.putFlagDefinition("p", boolDefinition("flag-2"), 1, meta());

        assertThat(allDefinitionKeys("beta", 2)).containsExactly("flag-0", "flag-1", "flag-4", "flag-6", "flag-8");
        assertThat(allDefinitionKeys(null, 3)).containsExactly("flag-0", "flag-1", "flag-2", "flag-3", "flag-4",
                "flag-5", "flag-6", "flag-7", "flag-8", "flag-9");
        assertThat(allDefinitionKeys("nobody", 3)).isEmpty();

        Page<Versioned<FlagDefinition>> first = repo.listFlagDefinitions("p", "beta", null, 2);
        assertThat(first.items()).extracting(Versioned::version).containsExactly(1L, 2L);
        Page<Versioned<FlagDefinition>> exact = repo.listFlagDefinitions("p", "beta", null, 5);
        assertThat(exact.items()).hasSize(5);
        assertThat(exact.nextCursor()).as("no empty last page").isNull();
    }

    private List<String> allDefinitionKeys(String tag, int pageSize) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Versioned<FlagDefinition>> page = repo.listFlagDefinitions("p", tag, cursor, pageSize);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            page.items().forEach(d -> keys.add(d.value().key()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(Math.max(1, (keys.size() + pageSize - 1) / pageSize));
        return keys;
    }

    // --- flag configurations --------------------------------------------------------------------------------

    @Test
    void createsAndUpdatesAConfigWithVersionChecks() {
        configuredFlag();
        assertThatThrownBy(() -> repo.putFlagConfig("p", "dev", "f", config(true), 0, meta()))
                .isInstanceOf(StoreException.AlreadyExists.class);
        Versioned<FlagConfig> v2 = repo.putFlagConfig("p", "dev", "f", config(true, "u1"), 1, meta());
        assertThat(v2.version()).isEqualTo(2);
        assertThatThrownBy(() -> repo.putFlagConfig("p", "dev", "f", config(false), 1, meta()))
                .isInstanceOfSatisfying(StoreException.VersionConflict.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(2));

        assertThat(repo.getFlagConfig("p", "dev", "f")).get().satisfies(c -> {
            assertThat(c.version()).isEqualTo(2);
            assertThat(c.value()).isEqualTo(config(true, "u1"));
        });
        assertThat(repo.getFlagConfig("p", "prod", "f")).as("configurations are per environment").isEmpty();
        assertThat(repo.flagConfigHistory("p", "dev", "f")).hasSize(2);
    }

    @Test
    void refusesAConfigWithoutParents() {
        configuredFlag();
        assertThatThrownBy(() -> repo.putFlagConfig("missing", "dev", "f", config(true), 0, meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> repo.putFlagConfig("p", "qa", "f", config(true), 0, meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> repo.putFlagConfig("p", "dev", "undefined", config(true), 0, meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> repo.putFlagConfig("p", "prod", "f", config(true), 3, meta()))
                .as("an update of a configuration that never existed").isInstanceOf(StoreException.NotFound.class);
        assertThat(repo.getFlagConfig("p", "qa", "f")).isEmpty();
        assertThat(repo.getFlagConfig("p", "prod", "f")).isEmpty();
    }

    @Test
    void keepsTheAuditFieldsOfEveryChange() {
        projectWithTwoEnvironments();
        repo.putFlagDefinition("p", boolDefinition("f"), 0, meta());
        ChangeMeta bySession = new ChangeMeta("arn:aws:iam::123456789012:role/Editors", "create", null, null, T0,
                "deploy-4711", false);
        ChangeMeta byOperator = new ChangeMeta("arn:aws:iam::123456789012:role/BreakGlass", "kill", "INC-1", null,
                T0.plusSeconds(60), "oncall-jo", true);
        repo.putFlagConfig("p", "dev", "f", config(true), 0, bySession);
        repo.putFlagConfig("p", "dev", "f", config(true).turnedOff(), 1, byOperator);

        List<HistoryEntry<FlagConfig>> history = repo.flagConfigHistory("p", "dev", "f");
        assertThat(history).extracting(HistoryEntry::sessionName).containsExactly("oncall-jo", "deploy-4711");
        assertThat(history).extracting(HistoryEntry::breakGlass).containsExactly(true, false);
        assertThat(repo.getFlagConfigVersion("p", "dev", "f", 2)).get()
                .satisfies(v -> assertThat(v.breakGlass()).isTrue());
    }

    @Test
    void keepsEveryChangeInHistoryNewestFirst() {
        projectWithTwoEnvironments();
        repo.putFlagDefinition("p", boolDefinition("f"), 0, meta());
        ObjectNode diff = JsonNodeFactory.instance.objectNode();
        diff.putArray("changes").addObject().put("path", "/on").put("from", false).put("to", true);
        ChangeMeta create = new ChangeMeta("alice", "create", null, null, T0);
        ChangeMeta update = new ChangeMeta("bob", "update", "ramp up", diff, T0.plusSeconds(60));
        ChangeMeta kill = new ChangeMeta("carol", "kill", "incident 42", null, T0.plusSeconds(120));
        repo.putFlagConfig("p", "dev", "f", config(false), 0, create);
        repo.putFlagConfig("p", "dev", "f", config(true, "u1", "u2"), 1, update);
        repo.putFlagConfig("p", "dev", "f", config(true, "u1", "u2").turnedOff(), 2, kill);

        List<HistoryEntry<FlagConfig>> history = repo.flagConfigHistory("p", "dev", "f");
        assertThat(history).extracting(HistoryEntry::version).containsExactly(3L, 2L, 1L);
        assertThat(history).extracting(HistoryEntry::principal).containsExactly("carol", "bob", "alice");
        assertThat(history).extracting(HistoryEntry::action).containsExactly("kill", "update", "create");
        assertThat(history).extracting(HistoryEntry::comment).containsExactly("incident 42", "ramp up", null);
        assertThat(history).extracting(HistoryEntry::sessionName).containsOnlyNulls();
        assertThat(history).extracting(HistoryEntry::breakGlass).containsOnly(false);
        assertThat(history).extracting(HistoryEntry::at).containsExactly(kill.at(), update.at(), create.at());
        assertThat(history.get(1).diff()).isEqualTo(diff);
        assertThat(history.get(2).diff()).isNull();
        assertThat(history.get(0).content().on()).isFalse();

        assertThat(repo.getFlagConfigVersion("p", "dev", "f", 2)).get().satisfies(v -> {
            assertThat(v.content()).isEqualTo(config(true, "u1", "u2"));
            assertThat(v.principal()).isEqualTo("bob");
        });
        assertThat(repo.getFlagConfigVersion("p", "dev", "f", 4)).isEmpty();
        assertThat(repo.getFlagConfigVersion("p", "prod", "f", 1)).isEmpty();
        assertThat(repo.flagConfigHistory("p", "prod", "f")).isEmpty();
    }

    @Test
    void replacesAnOversizedDiffByASummary() {
        configuredFlag();
        ObjectNode huge = JsonNodeFactory.instance.objectNode();
        huge.put("blob", "x".repeat(70_000));
        repo.putFlagConfig("p", "dev", "f", config(true), 1,
                new ChangeMeta("alice", "update", null, huge, T0));
        JsonNode stored = repo.flagConfigHistory("p", "dev", "f").getFirst().diff();
        assertThat(stored.path("truncated").asBoolean()).isTrue();
        assertThat(stored.path("originalBytes").asInt()).isGreaterThan(70_000);
        assertThat(stored.has("blob")).isFalse();
    }

    /** {@code count} context keys of 20 characters each (23 bytes of JSON). */
    private static String[] contextKeys(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> String.format("user-%015d", i))
                .toArray(String[]::new);
    }

    @Test
    void refusesContentThatCannotFitInOneItemAndStoresNothing() {
        projectWithTwoEnvironments();
        String[] keys = contextKeys(20_000);
        assertThatThrownBy(() -> repo.putSegment("p", "dev", segment("huge", keys), 0, meta()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segments");
        assertThat(repo.getSegment("p", "dev", "huge")).isEmpty();
        assertThat(repo.putSegment("p", "dev", segment("huge", "u1"), 0, meta()).version()).isEqualTo(1);
    }

    @Test
    void storesTheLargestAllowedContentWithTheLargestDiff() {
        projectWithTwoEnvironments();
        String[] keys = contextKeys(12_900);
        ObjectNode diff = JsonNodeFactory.instance.objectNode();
        diff.put("blob", "d".repeat(65_000));
        Versioned<Segment> stored = repo.putSegment("p", "dev", segment("big", keys), 0,
                new ChangeMeta("alice", "create", "c".repeat(1_000), diff, T0));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(repo.getSegment("p", "dev", "big").orElseThrow().value().included()).hasSize(keys.length);
    }

    // --- segments -------------------------------------------------------------------------------------------

    @Test
    void deletesASegmentWithATombstoneAndContinuesTheChainOnRecreate() {
        projectWithTwoEnvironments();
        assertThat(repo.putSegment("p", "dev", segment("s", "u1"), 0, meta()).version()).isEqualTo(1);
        assertThat(repo.putSegment("p", "dev", segment("s", "u1", "u2"), 1, meta()).version()).isEqualTo(2);
        assertThatThrownBy(() -> repo.deleteSegment("p", "dev", "s", 1, meta()))
                .isInstanceOfSatisfying(StoreException.VersionConflict.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(2));

        Versioned<Segment> tombstone = repo.deleteSegment("p", "dev", "s", 2, meta("bob", "delete"));
        assertThat(tombstone.version()).isEqualTo(3);
        assertThat(tombstone.updatedBy()).isEqualTo("bob");
        assertThat(repo.getSegment("p", "dev", "s")).isEmpty();
        assertThat(repo.listSegments("p", "dev")).isEmpty();
        assertThatThrownBy(() -> repo.deleteSegment("p", "dev", "s", 3, meta()))
                .isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> repo.putSegment("p", "dev", segment("s"), 3, meta()))
                .as("a deleted segment cannot be updated, only created again")
                .isInstanceOf(StoreException.NotFound.class);

        Versioned<Segment> recreated = repo.putSegment("p", "dev", segment("s", "u9"), 0, meta());
        assertThat(recreated.version()).isEqualTo(4);
        assertThat(repo.getSegment("p", "dev", "s")).get().satisfies(s -> {
            assertThat(s.version()).isEqualTo(4);
            assertThat(s.value().included()).containsExactly("u9");
        });
        assertThatThrownBy(() -> repo.putSegment("p", "dev", segment("s"), 0, meta()))
                .isInstanceOf(StoreException.AlreadyExists.class);
    }

    @Test
    void listsTheLiveSegmentsOfOneEnvironment() {
        projectWithTwoEnvironments();
        repo.putSegment("p", "dev", segment("b", "u1"), 0, meta());
        repo.putSegment("p", "dev", segment("a", "u2"), 0, meta());
        repo.putSegment("p", "dev", segment("c"), 0, meta());
        repo.putSegment("p", "prod", segment("z"), 0, meta());
        repo.putSegment("p", "dev", segment("a", "u2", "u3"), 1, meta());
        repo.deleteSegment("p", "dev", "c", 1, meta());

        assertThat(repo.listSegments("p", "dev")).extracting(s -> s.value().key() + "@" + s.version())
                .containsExactly("a@2", "b@1");
        assertThat(repo.listSegments("p", "prod")).extracting(s -> s.value().key()).containsExactly("z");
        assertThatThrownBy(() -> repo.putSegment("p", "qa", segment("a"), 0, meta()))
                .isInstanceOf(StoreException.NotFound.class);
    }

    // --- SDK keys -------------------------------------------------------------------------------------------

    @Test
    void createsListsFindsAndRevokesSdkKeys() {
        projectWithTwoEnvironments();
        SdkKeyRecord k1 = repo.createSdkKey(sdkKey("p", "dev", "k1", "a".repeat(64)));
        repo.createSdkKey(sdkKey("p", "dev", "k2", "b".repeat(64)));
        repo.createSdkKey(sdkKey("p", "prod", "k3", "c".repeat(64)));
        assertThat(k1).isEqualTo(sdkKey("p", "dev", "k1", "a".repeat(64)));
        assertThat(k1.active()).isTrue();

        assertThat(repo.listSdkKeys("p", "dev")).extracting(SdkKeyRecord::id).containsExactly("k1", "k2");
        assertThat(repo.findSdkKeyByHash("c".repeat(64))).get().satisfies(k -> {
            assertThat(k.id()).isEqualTo("k3");
            assertThat(k.environment()).isEqualTo("prod");
        });
        assertThat(repo.findSdkKeyByHash("d".repeat(64))).isEmpty();

        ChangeMeta first = new ChangeMeta("alice", "revoke", null, null, T0.plusSeconds(10));
        assertThat(repo.revokeSdkKey("p", "dev", "k1", first)).get()
                .satisfies(k -> assertThat(k.revokedAt()).isEqualTo(first.at()));
        ChangeMeta second = new ChangeMeta("bob", "revoke", null, null, T0.plusSeconds(20));
        assertThat(repo.revokeSdkKey("p", "dev", "k1", second)).get()
                .satisfies(k -> assertThat(k.revokedAt()).as("the first revocation stays").isEqualTo(first.at()));
        assertThat(repo.findSdkKeyByHash("a".repeat(64))).get().satisfies(k -> assertThat(k.active()).isFalse());
        assertThat(repo.listSdkKeys("p", "dev")).extracting(SdkKeyRecord::active).containsExactly(false, true);
        assertThat(repo.revokeSdkKey("p", "dev", "nope", first)).isEmpty();
        assertThat(repo.revokeSdkKey("p", "prod", "k1", first)).as("keys belong to one environment").isEmpty();
    }

    @Test
    void refusesADuplicateSdkKeyAndOneWithoutEnvironment() {
        projectWithTwoEnvironments();
        repo.createSdkKey(sdkKey("p", "dev", "k1", "a".repeat(64)));
        assertThatThrownBy(() -> repo.createSdkKey(sdkKey("p", "dev", "k1", "e".repeat(64))))
                .isInstanceOf(StoreException.AlreadyExists.class);
        assertThatThrownBy(() -> repo.createSdkKey(sdkKey("p", "qa", "k9", "f".repeat(64))))
                .isInstanceOf(StoreException.NotFound.class);
        assertThat(repo.findSdkKeyByHash("e".repeat(64))).isEmpty();
        assertThat(repo.listSdkKeys("p", "qa")).isEmpty();
    }

    // --- environment state ----------------------------------------------------------------------------------

    @Test
    void loadsAnEnvironmentMergingDefinitionsWithItsConfigs() {
        projectWithTwoEnvironments();
        repo.putFlagDefinition("p", boolDefinition("b-flag", "web"), 0, meta());
        repo.putFlagDefinition("p", boolDefinition("a-flag"), 0, meta());
        repo.putFlagConfig("p", "dev", "b-flag", config(true, "u1"), 0, meta());
        repo.putFlagConfig("p", "dev", "b-flag", config(true, "u1", "u2"), 1, meta());
        repo.putFlagConfig("p", "prod", "a-flag", config(true), 0, meta());
        repo.putSegment("p", "dev", segment("kept", "u1"), 0, meta());
        repo.putSegment("p", "dev", segment("gone"), 0, meta());
        repo.deleteSegment("p", "dev", "gone", 1, meta());

        EnvironmentState dev = repo.loadEnvironmentState("p", "dev", List.of());
        assertThat(dev.project()).isEqualTo("p");
        assertThat(dev.environment()).isEqualTo("dev");
        assertThat(dev.flags()).extracting(Flag::key).containsExactly("a-flag", "b-flag");
        Flag unconfigured = dev.flags().get(0);
        assertThat(unconfigured.on()).isFalse();
        assertThat(unconfigured.offVariation()).isNull();
        assertThat(unconfigured.variations()).hasSize(2);
        Flag configured = dev.flags().get(1);
        assertThat(configured).isEqualTo(Flag.of(boolDefinition("b-flag", "web"), config(true, "u1", "u2"), 2L));
        assertThat(dev.segments()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("kept");
            assertThat(s.included()).containsExactly("u1");
            assertThat(s.version()).isEqualTo(1L);
        });
        // environment 1 + definitions (1 + 1) + configs (2) + segments (1 + tombstone 2)
        assertThat(dev.changeCounter()).isEqualTo(1 + 2 + 2 + 3);

        EnvironmentState prod = repo.loadEnvironmentState("p", "prod", List.of());
        assertThat(prod.flags()).extracting(f -> f.key() + ":" + f.on()).containsExactly("a-flag:true",
                "b-flag:false");
        assertThat(prod.segments()).isEmpty();
        assertThat(prod.changeCounter()).isEqualTo(1 + 2 + 1);

        assertThatThrownBy(() -> repo.loadEnvironmentState("p", "qa", List.of()))
                .isInstanceOf(StoreException.NotFound.class);
    }

    @Test
    void raisesTheChangeCounterByExactlyOnePerChange() {
        projectWithTwoEnvironments();
        long before = counter("dev");
        long otherBefore = counter("prod");
        List<Runnable> changes = List.of(
                () -> repo.putFlagDefinition("p", boolDefinition("f"), 0, meta()),
                () -> repo.putFlagConfig("p", "dev", "f", config(false), 0, meta()),
                () -> repo.putFlagConfig("p", "dev", "f", config(true), 1, meta()),
                () -> repo.putFlagDefinition("p", boolDefinition("f", "renamed"), 1, meta()),
                () -> repo.putSegment("p", "dev", segment("s", "u1"), 0, meta()),
                () -> repo.putSegment("p", "dev", segment("s", "u1", "u2"), 1, meta()),
                () -> repo.deleteSegment("p", "dev", "s", 2, meta()),
                () -> repo.putSegment("p", "dev", segment("s"), 0, meta()),
                () -> repo.putFlagDefinition("p", boolDefinition("g"), 0, meta()));
        for (Runnable change : changes) {
            long previous = counter("dev");
            change.run();
            assertThat(counter("dev")).isEqualTo(previous + 1);
        }
        assertThat(counter("dev")).isEqualTo(before + changes.size());
        // prod sees only the three definition changes
        assertThat(counter("prod")).isEqualTo(otherBefore + 3);

        long settled = counter("dev");
        repo.createSdkKey(sdkKey("p", "dev", "k1", "a".repeat(64)));
        repo.putFlagConfig("p", "prod", "f", config(true), 0, meta());
        repo.updateProject(new Project("p", "Renamed", null), 1, meta());
        assertThatThrownBy(() -> repo.putFlagConfig("p", "dev", "f", config(false), 1, meta()))
                .isInstanceOf(StoreException.VersionConflict.class);
        assertThat(counter("dev")).as("SDK keys, other environments, the project and failed writes do not count")
                .isEqualTo(settled);
    }

    private long counter(String environment) {
        return repo.loadEnvironmentState("p", environment, List.of()).changeCounter();
    }

    @Test
    void changeCounterIsTheSumOfTheNewestVersions() {
        configuredFlag();
        repo.putFlagConfig("p", "dev", "f", config(true), 1, meta());
        repo.putFlagDefinition("p", boolDefinition("g"), 0, meta());
        repo.putFlagDefinition("p", boolDefinition("g", "x"), 1, meta());
        repo.putSegment("p", "dev", segment("s"), 0, meta());
        repo.deleteSegment("p", "dev", "s", 1, meta());

        long environment = repo.getEnvironment("p", "dev").orElseThrow().version();
        long definitions = repo.listFlagDefinitions("p", null, null, 100).items().stream()
                .mapToLong(Versioned::version).sum();
        long configs = repo.getFlagConfig("p", "dev", "f").orElseThrow().version();
        long segments = 2; // the tombstone's version: deleted segments still count
        assertThat(repo.loadEnvironmentState("p", "dev", List.of()).changeCounter())
                .isEqualTo(environment + definitions + configs + segments);
    }

    @Test
    void loadedStateIncludesTheTriggeringVersions() {
        configuredFlag();
        Versioned<FlagConfig> v2 = repo.putFlagConfig("p", "dev", "f", config(true, "u7"), 1, meta());
        EnvironmentState state = repo.loadEnvironmentState("p", "dev",
                List.of(new ChangeRef("p", "dev", ResourceType.FLAG_CONFIG, "f", v2.version())));
        assertThat(state.flags()).singleElement().satisfies(f -> {
            assertThat(f.version()).isEqualTo(2L);
            assertThat(f.targets()).singleElement().satisfies(t -> assertThat(t.keys()).containsExactly("u7"));
        });
    }

    // --- crash safety ---------------------------------------------------------------------------------------

    /** What touches a resource first after a writer died in the middle of changing it. */
    private enum Repairer { HISTORY_READ, NEXT_WRITE, COMPILE }

    /**
     * The process dies after each write of an update in turn (the injected fault throws there). Whatever touches
     * the flag next, a history read, the next write or the compile the change's stream record triggers, finds a
     * state in which the change happened completely (once it passed its commit point) or not at all: no lost
     * change, no duplicate or missing history entry, and a change counter one higher per committed change.
     */
    @Test
    void aChangeInterruptedBetweenTwoWritesIsRepairedByTheNextReadWriteOrCompile() throws Exception {
        projectWithTwoEnvironments();
        for (WriteFaults.Step step : WriteFaults.Step.values()) {
            for (Repairer repairer : Repairer.values()) {
                String flag = ("crash-" + step + "-" + repairer).toLowerCase().replace('_', '-');
                repo.putFlagDefinition("p", boolDefinition(flag), 0, meta());
                repo.putFlagConfig("p", "dev", flag, config(false), 0, meta());
                long counterBefore = repo.loadEnvironmentState("p", "dev", List.of()).changeCounter();

                FlagRepository dying = sameStoreWith(s -> {
                    if (s == step) {
                        throw new WriteFaults.SimulatedCrash(s);
                    }
                });
                assertThatThrownBy(() -> dying.putFlagConfig("p", "dev", flag, config(true, "u-crash"), 1,
                        meta("mallory", "update"))).isInstanceOf(WriteFaults.SimulatedCrash.class);
                boolean committed = step.compareTo(WriteFaults.Step.HEAD) >= 0;
                long current = committed ? 2 : 1;

                switch (repairer) {
                    case HISTORY_READ -> { }
                    case NEXT_WRITE -> {
                        assertThat(repo.putFlagConfig("p", "dev", flag, config(false, "u-next"), current,
                                meta("bob", "update")).version()).isEqualTo(current + 1);
                        current++;
                    }
                    case COMPILE -> {
                        EnvironmentState state = repo.loadEnvironmentState("p", "dev", committed
                                ? List.of(new ChangeRef("p", "dev", ResourceType.FLAG_CONFIG, flag, 2))
                                : List.of());
                        assertThat(state.changeCounter()).isEqualTo(counterBefore + (committed ? 1 : 0));
                    }
                }

                String where = step + " / " + repairer;
                List<HistoryEntry<FlagConfig>> history = repo.flagConfigHistory("p", "dev", flag);
                assertThat(history).as(where).extracting(HistoryEntry::version)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, current).boxed()
                                .sorted((a, b) -> Long.compare(b, a)).toList());
                if (committed) {
                    HistoryEntry<FlagConfig> crashed = history.get(history.size() - 2);
                    assertThat(crashed.principal()).as(where).isEqualTo("mallory");
                    assertThat(crashed.content()).as(where).isEqualTo(config(true, "u-crash"));
                    assertThat(repo.getFlagConfigVersion("p", "dev", flag, 2)).as(where).get()
                            .extracting(HistoryEntry::principal).isEqualTo("mallory");
                }
                assertThat(repo.getFlagConfig("p", "dev", flag).orElseThrow().version()).as(where)
                        .isEqualTo(current);
                assertThat(repo.loadEnvironmentState("p", "dev", List.of()).changeCounter()).as(where)
                        .isEqualTo(counterBefore + current - 1);
            }
        }
    }

    /** A create that dies after its commit point: the segment exists, and its first history entry appears. */
    @Test
    void aSegmentCreateInterruptedAfterItsCommitPointIsComplete() throws Exception {
        projectWithTwoEnvironments();
        FlagRepository dying = sameStoreWith(step -> {
            if (step == WriteFaults.Step.HEAD) {
                throw new WriteFaults.SimulatedCrash(step);
            }
        });
        assertThatThrownBy(() -> dying.putSegment("p", "dev", segment("beta", "u1"), 0, meta("mallory", "create")))
                .isInstanceOf(WriteFaults.SimulatedCrash.class);

        assertThat(repo.listSegments("p", "dev")).extracting(v -> v.value().key()).containsExactly("beta");
        Page<HistoryEntry<Segment>> history = repo.segmentHistory("p", "dev", "beta", null, 10);
        assertThat(history.items()).singleElement().satisfies(entry -> {
            assertThat(entry.version()).isEqualTo(1);
            assertThat(entry.principal()).isEqualTo("mallory");
            assertThat(entry.content().included()).containsExactly("u1");
        });
        assertThat(history.nextCursor()).isNull();
    }

    // --- history pages --------------------------------------------------------------------------------------

    @Test
    void pagesHistoryNewestFirstWithoutGapsOrRepeats() {
        configuredFlag();
        for (long v = 1; v <= 6; v++) {
            repo.putFlagConfig("p", "dev", "f", config(v % 2 == 0, "u" + v), v, meta("bob", "update"));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<HistoryEntry<FlagConfig>> page = repo.flagConfigHistory("p", "dev", "f", cursor, 3);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3).isNotEmpty();
            page.items().forEach(e -> seen.add(e.version()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(pages).isEqualTo(3);
        assertThatThrownBy(() -> repo.flagConfigHistory("p", "dev", "f", "not-a-cursor", 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.flagConfigHistory("p", "dev", "f", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsSegmentHistoryAcrossDeleteAndRecreate() {
        projectWithTwoEnvironments();
        repo.putSegment("p", "dev", segment("s", "u1"), 0, meta("alice", "create"));
        repo.deleteSegment("p", "dev", "s", 1, meta("bob", "delete"));
        repo.putSegment("p", "dev", segment("s", "u3"), 0, meta("carol", "create"));

        Page<HistoryEntry<Segment>> page = repo.segmentHistory("p", "dev", "s", null, 2);
        assertThat(page.items()).extracting(HistoryEntry::version).containsExactly(3L, 2L);
        assertThat(page.items().get(1).content()).isNull();
        assertThat(page.items().get(1).action()).isEqualTo("delete");
        Page<HistoryEntry<Segment>> rest = repo.segmentHistory("p", "dev", "s", page.nextCursor(), 2);
        assertThat(rest.items()).extracting(HistoryEntry::version).containsExactly(1L);
        assertThat(rest.nextCursor()).isNull();
        assertThat(repo.getSegmentVersion("p", "dev", "s", 1)).get()
                .satisfies(e -> assertThat(e.content().included()).containsExactly("u1"));
        assertThat(repo.getSegmentVersion("p", "dev", "s", 4)).isEmpty();
    }

    // --- audit logs -----------------------------------------------------------------------------------------

    private static String describe(AuditEntry e) {
        return e.resourceType() + " " + e.resourceKey() + " v" + e.version() + " " + e.action() + " by "
                + e.principal();
    }

    private List<AuditEntry> wholeLog(AuditQuery query, int pageSize) {
        return Page.drain(cursor -> repo.auditLog(query, cursor, pageSize));
    }

    /** A project with changes of every kind in "dev", and a second project "q" that must never show up. */
    private void auditedChanges() {
        configuredFlag();
        repo.putFlagConfig("p", "dev", "f", config(true), 1, meta("bob", "update"));
        repo.putSegment("p", "dev", segment("s", "u1"), 0, meta("carol", "create"));
        repo.createSdkKey(new SdkKeyRecord("k1", "p", "dev", "server", "b".repeat(64),
                meta().at(), "erin", null));
        repo.deleteSegment("p", "dev", "s", 1, meta("carol", "delete"));
        repo.revokeSdkKey("p", "dev", "k1", meta("dave", "revoke"));
        repo.createProject(new Project("q", "Project Q", Map.of("zed", "admin")), meta("zed", "create"));
        repo.createEnvironment("q", new Environment("dev", "Development", false), meta("zed", "create"));
        repo.putSegment("q", "dev", segment("s", "u9"), 0, meta("zed", "create"));
    }

    @Test
    void environmentAuditLogIsNewestFirstAndPagesWithoutGapsOrRepeats() {
        auditedChanges();
        AuditQuery dev = new AuditQuery("p", "dev", null, null, null, null, null);

        List<AuditEntry> all = wholeLog(dev, 100);
        assertThat(all).extracting(FlagRepositoryContract::describe).containsExactly(
                "SDK_KEY k1 v2 revoke by dave",
                "SEGMENT s v2 delete by carol",
                "SDK_KEY k1 v1 create by erin",
                "SEGMENT s v1 create by carol",
                "FLAG_CONFIG f v2 update by bob",
                "FLAG_CONFIG f v1 create by arn:aws:iam::123456789012:user/alice");
        assertThat(all).allSatisfy(e -> assertThat(e.environment()).isEqualTo("dev"));
        assertThat(all.get(4).diff()).isNull(); // the fixture's meta has no diff
        assertThat(wholeLog(dev, 2)).isEqualTo(all);
        assertThat(repo.auditLog(dev, null, 4).nextCursor()).isNotNull();
        assertThat(repo.auditLog(new AuditQuery("p", "prod", null, null, null, null, null), null, 10).items())
                .isEmpty();
    }

    @Test
    void projectAuditLogCoversDefinitionsEnvironmentsSegmentsSdkKeysAndRoles() {
        auditedChanges();
        List<AuditEntry> all = wholeLog(new AuditQuery("p", null, null, null, null, null, null), 3);
        assertThat(all).extracting(FlagRepositoryContract::describe).containsExactly(
                "SDK_KEY k1 v2 revoke by dave",
                "SEGMENT s v2 delete by carol",
                "SDK_KEY k1 v1 create by erin",
                "SEGMENT s v1 create by carol",
                "FLAG_DEFINITION f v1 create by arn:aws:iam::123456789012:user/alice",
                "ENVIRONMENT prod v1 create by arn:aws:iam::123456789012:user/alice",
                "ENVIRONMENT dev v1 create by arn:aws:iam::123456789012:user/alice",
                "PROJECT p v1 create by arn:aws:iam::123456789012:user/alice");
        assertThat(all.get(5).environment()).isEqualTo("prod");
        assertThat(all.getLast().environment()).isNull();
    }

    @Test
    void auditFiltersApplyBeforePaging() {
        auditedChanges();
        assertThat(wholeLog(new AuditQuery("p", "dev", "carol", null, null, null, null), 1))
                .extracting(FlagRepositoryContract::describe)
                .containsExactly("SEGMENT s v2 delete by carol", "SEGMENT s v1 create by carol");
        assertThat(wholeLog(new AuditQuery("p", null, null, ResourceType.SDK_KEY, null, null, null), 1))
                .extracting(AuditEntry::version).containsExactly(2L, 1L);
        assertThat(wholeLog(new AuditQuery("p", "dev", null, null, "f", null, null), 1))
                .extracting(AuditEntry::resourceKey).containsExactly("f", "f");
        List<AuditEntry> all = wholeLog(new AuditQuery("p", "dev", null, null, null, null, null), 10);
        Instant from = all.get(3).at();
        Instant to = all.get(1).at();
        assertThat(wholeLog(new AuditQuery("p", "dev", null, null, null, from, to), 1))
                .as("from inclusive, to exclusive").containsExactly(all.get(2), all.get(3));
        Page<AuditEntry> first = repo.auditLog(new AuditQuery("p", "dev", "nobody", null, null, null, null), null, 5);
        assertThat(first.items()).isEmpty();
        assertThat(first.nextCursor()).isNull();
    }

    @Test
    void anAuditCursorIsRefusedByEveryOtherLog() {
        auditedChanges();
        String cursor = repo.auditLog(new AuditQuery("p", "dev", null, null, null, null, null), null, 1)
                .nextCursor();
        assertThat(cursor).isNotNull();
        for (AuditQuery other : List.of(new AuditQuery("q", "dev", null, null, null, null, null),
                new AuditQuery("p", "prod", null, null, null, null, null),
                new AuditQuery("p", null, null, null, null, null, null))) {
            assertThatThrownBy(() -> repo.auditLog(other, cursor, 10)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> repo.auditLog(new AuditQuery("p", "dev", null, null, null, null, null), "!!", 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- concurrency ----------------------------------------------------------------------------------------

    /**
     * 8 writers × 50 read-then-update attempts on one flag configuration. Each update either wins with a version
     * nobody else got, or gets a VersionConflict naming a newer version; history holds exactly the winners.
     */
    @Test
    void concurrentConflictingUpdatesLoseNothing() throws Exception {
        configuredFlag();
        int threads = 8;
        int attemptsPerThread = 50;
        Set<Long> won = ConcurrentHashMap.newKeySet();
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<String> anomalies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String writer = "writer-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        long seen = repo.getFlagConfig("p", "dev", "f").orElseThrow().version();
                        try {
                            Versioned<FlagConfig> written = repo.putFlagConfig("p", "dev", "f",
                                    config(i % 2 == 0, writer + "-" + i), seen, meta(writer, "update"));
                            wins.incrementAndGet();
                            if (written.version() != seen + 1 || !won.add(written.version())) {
                                anomalies.add(writer + " got version " + written.version() + " after " + seen);
                            }
                        } catch (StoreException.VersionConflict e) {
                            conflicts.incrementAndGet();
                            if (e.currentVersion() <= seen) {
                                anomalies.add(writer + " conflict at " + e.currentVersion() + " after " + seen);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(anomalies).isEmpty();
        assertThat(wins.get() + conflicts.get()).isEqualTo(threads * attemptsPerThread);
        assertThat(wins.get()).isPositive();
        List<HistoryEntry<FlagConfig>> history = repo.flagConfigHistory("p", "dev", "f");
        long newest = 1 + wins.get();
        assertThat(history).extracting(HistoryEntry::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, newest).boxed().sorted((a, b) -> Long.compare(b, a))
                        .toList());
        assertThat(won).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, newest).boxed().toList());
        // each stored version holds the content its winner wrote
        for (HistoryEntry<FlagConfig> entry : history.subList(0, history.size() - 1)) {
            String writer = entry.principal();
            assertThat(entry.content().targets().getFirst().keys().getFirst()).startsWith(writer + "-");
        }
        assertThat(repo.getFlagConfig("p", "dev", "f").orElseThrow().version()).isEqualTo(newest);
    }
}
