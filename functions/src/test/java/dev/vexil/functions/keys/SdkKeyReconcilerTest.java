package dev.vexil.functions.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.keys.SdkKeyEdgeSync;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.wire.SdkKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift between the table and the KeyValueStore is repaired, by the scheduled pass and by the admin route: above
 * all, a revocation whose sync failed for good (its records in the dead-letter queue) stops working at the edge.
 */
class SdkKeyReconcilerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ADMIN = "arn:aws:iam::123456789012:role/Admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SqliteFlagRepository repository;
    private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    private SdkKeyReconciler reconciler;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void setUp() {
        repository = new SqliteFlagRepository(dir.resolve("vexil.db"));
        ChangeMeta meta = new ChangeMeta(ADMIN, "create", null, null, NOW);
        repository.createProject(new Project("shop", "Shop", Map.of(ADMIN, "admin")), meta);
        repository.createEnvironment("shop", new Environment("prod", "Production", false), meta);
        repository.createEnvironment("shop", new Environment("dev", "Development", false), meta);
        reconciler = new SdkKeyReconciler(repository, store, CLOCK);
        stdout = System.out;
        System.setOut(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(stdout);
        repository.close();
    }

    private SdkKeyRecord key(String env, String id) {
        String secret = SdkKeys.newSecret();
        return repository.createSdkKey(new SdkKeyRecord(id, "shop", env, id, SdkKeys.hash(secret), NOW, ADMIN, null));
    }

    /** The key sync mirrored the key when it was created. */
    private void mirrored(SdkKeyRecord key) {
        new SdkKeyMirror(store).apply(List.of(SdkKeyChange.active("1", key.hash(), key.project(), key.environment())));
    }

    private SdkKeyRecord revokedWhileTheSyncFails(SdkKeyRecord key) {
        SdkKeyRecord revoked = repository.revokeSdkKey("shop", key.environment(), key.id(),
                new ChangeMeta(ADMIN, "revoke", null, null, NOW)).orElseThrow();
        store.goDown();
        assertThatThrownBy(() -> new SdkKeyMirror(store).apply(List.of(SdkKeyChange.removed("2", key.hash()))))
                .isInstanceOf(KeyValueStoreClient.KeyValueStoreException.class); // five times, then the DLQ
        store.comeBack();
        assertThat(store.entries).as("the edge still accepts the revoked key").containsKey(key.hash());
        return revoked;
    }

    private List<JsonNode> repairLines() throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : logged.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains(SdkKeyReconciler.METRIC)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void theScheduledPassRepairsARevocationWhoseSyncFailed() throws Exception {
        SdkKeyRecord leaked = key("prod", "leaked");
        SdkKeyRecord healthy = key("prod", "healthy");
        mirrored(leaked);
        mirrored(healthy);
        revokedWhileTheSyncFails(leaked);

        SdkKeyReconciler.Summary summary = reconciler.reconcileAll();

        assertThat(summary).isEqualTo(new SdkKeyReconciler.Summary(2, 1));
        assertThat(store.entries).doesNotContainKey(leaked.hash()).containsEntry(healthy.hash(), "shop/prod");
        assertThat(repairLines()).singleElement().satisfies(line -> {
            assertThat(line.path("action").asText()).isEqualTo("DELETED");
            assertThat(line.path("SdkKeyRepairs").asInt()).isEqualTo(1);
            assertThat(line.path("keyId").asText()).isEqualTo("leaked");
            assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Vexil");
            assertThat(line.toString()).doesNotContain(leaked.hash());
        });
    }

    @Test
    void activeKeysMissingOrPointingElsewhereArePutBackAndAConsistentStoreIsNotWritten() throws Exception {
        SdkKeyRecord missing = key("prod", "missing");
        SdkKeyRecord moved = key("dev", "moved");
        store.entries.put(moved.hash(), "shop/prod"); // drift: the wrong environment
        SdkKeyRecord fine = key("dev", "fine");
        mirrored(fine);

        assertThat(reconciler.reconcileAll()).isEqualTo(new SdkKeyReconciler.Summary(3, 2));
        assertThat(store.entries).containsEntry(missing.hash(), "shop/prod").containsEntry(moved.hash(), "shop/dev")
                .containsEntry(fine.hash(), "shop/dev");
        assertThat(repairLines()).extracting(l -> l.path("action").asText()).containsExactly("PUT", "PUT");

        int writes = store.updateSizes.size();
        assertThat(reconciler.reconcileAll()).isEqualTo(new SdkKeyReconciler.Summary(3, 0));
        assertThat(store.updateSizes).as("nothing to write the second time").hasSize(writes);
    }

    @Test
    void theAdminRouteResyncsOneKeyForAdminsOnly() throws Exception {
        SdkKeyRecord leaked = key("prod", "leaked");
        mirrored(leaked);
        revokedWhileTheSyncFails(leaked);
        AdminApi api = AdminApi.builder(repository, CLOCK, AdminJson.newMapper()).edgeKeys(reconciler).build();
        String path = "/v1/projects/shop/environments/prod/sdk-keys/leaked/resync";

        ApiResponse stranger = api.handle(new ApiRequest("POST", path, Map.of(), Map.of(), null, false,
                "arn:aws:iam::123456789012:role/Stranger", null));
        assertThat(stranger.status()).isIn(403, 404);
        assertThat(store.entries).containsKey(leaked.hash());

        ApiResponse repaired = api.handle(new ApiRequest("POST", path, Map.of(), Map.of(), null, false, ADMIN, null));
        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.body().path("active").asBoolean()).isFalse();
        assertThat(repaired.body().at("/resync/action").asText()).isEqualTo("DELETED");
        assertThat(store.entries).doesNotContainKey(leaked.hash());

        ApiResponse again = api.handle(new ApiRequest("POST", path, Map.of(), Map.of(), null, false, ADMIN, null));
        assertThat(again.body().at("/resync/action").asText()).isEqualTo("IN_SYNC");

        ApiResponse unknown = api.handle(new ApiRequest("POST",
                "/v1/projects/shop/environments/prod/sdk-keys/nope/resync", Map.of(), Map.of(), null, false, ADMIN,
                null));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void anEdgeThatReadsTheRepositoryHasNothingToRepair() {
        SdkKeyRecord key = key("prod", "local");
        AdminApi local = new AdminApi(repository, CLOCK, AdminJson.newMapper());
        ApiResponse answer = local.handle(new ApiRequest("POST",
                "/v1/projects/shop/environments/prod/sdk-keys/" + key.id() + "/resync", Map.of(), Map.of(), null,
                false, ADMIN, null));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/resync/action").asText())
                .isEqualTo(SdkKeyEdgeSync.Action.NOT_APPLICABLE.name());
        assertThat(store.updateSizes).isEmpty();
    }

    @Test
    void theStoreBeingDownFailsThePassLoudly() {
        key("prod", "any");
        store.goDown();
        assertThatThrownBy(reconciler::reconcileAll).isInstanceOf(KeyValueStoreClient.KeyValueStoreException.class);
    }
}
