package dev.vexil.it;

import static dev.vexil.it.Fixture.FLAG;
import static dev.vexil.it.Fixture.FREE;
import static dev.vexil.it.Fixture.PRO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.eval.Context;
import dev.vexil.eval.ReasonKind;
import dev.vexil.it.stack.Stack;
import dev.vexil.sdk.ClientStatus;
import dev.vexil.sdk.DataSource;
import dev.vexil.sdk.EvaluationDetail;
import dev.vexil.sdk.VexilClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end scenarios of issue 7, run against every wiring (one subclass per wiring). Everything is observed
 * through {@link VexilClient} polling the edge every 200 ms, and driven over HTTP; each scenario has its own project.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {
    private final HttpClient http = HttpClient.newHttpClient();
    private Stack stack;

    /** Starts the wiring under test. */
    protected abstract Stack startStack() throws Exception;

    @BeforeAll
    void start() throws Exception {
        stack = startStack();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private Fixture fixture(String scenario) {
        return Fixture.create(stack, scenario);
    }

    @Test
    void aCreatedFlagIsSeenByTheSdk() {
        Fixture f = fixture("create");
        try (VexilClient client = f.initializedClient()) {
            f.admin.put("/v1/projects/" + f.project + "/flags/greeting", Map.of("key", "greeting", "name", "Greeting",
                    "type", "string", "variations", List.of(Map.of("value", "hello"), Map.of("value", "hi"))), null)
                    .expect(201);
            ObjectNode config = AdminApi.JSON.createObjectNode().put("on", true).put("offVariation", 0);
            config.putObject("fallthrough").put("variation", 1);
            f.admin.put(f.envPath() + "/flags/greeting", config, null).expect(201);

            Eventually.awaitEquals("the SDK sees the new flag", "hi", () -> client.stringVariation("greeting", FREE, "absent"));
        }
    }

    @Test
    void changedTargetingChangesTheEvaluationOfAMatchingContext() {
        Fixture f = fixture("change");
        try (VexilClient client = f.initializedClient()) {
            assertThat(client.boolVariation(FLAG, FREE, true)).isFalse();

            f.changeTargeting(Fixture.ruleFor("free"));

            Eventually.awaitEquals("free now matches the rule", true, () -> client.boolVariation(FLAG, FREE, false));
            assertThat(client.boolVariation(FLAG, PRO, true)).isFalse();
            assertThat(client.boolVariationDetail(FLAG, FREE, false).reason().kind()).isEqualTo(ReasonKind.RULE_MATCH);
        }
    }

    @Test
    void aProtectedEnvironmentTakesAReviewedChangeRequestAndStillAnEmergencyKill() {
        Fixture f = fixture("review");
        AdminApi bob = f.admin.as("arn:aws:iam::123456789012:user/bob");
        AdminApi carol = f.admin.as("arn:aws:iam::123456789012:user/carol");
        AdminApi dave = f.admin.as("arn:aws:iam::123456789012:user/dave");
        try (VexilClient client = f.initializedClient()) {
            f.admin.put(f.envPath(), Map.of("name", "Test", "protected", true,
                    "review", Map.of("requiredApprovals", 1)), "\"1\"").expect(200);
            assertThat(f.putConfig(Fixture.ruleFor("free"), "\"1\"").status()).isEqualTo(403);

            AdminApi.Response created = bob.post(f.envPath() + "/change-requests", Map.of("title", "Free plan too",
                    "changes", List.of(Map.of("flag", FLAG, "configuration", Fixture.ruleFor("free")))))
                    .expect(201);
            String request = f.envPath() + "/change-requests/" + created.body().path("id").asText();
            bob.post(request + "/reviews", Map.of("decision", "approve")).expect(403);
            carol.post(request + "/reviews", Map.of("decision", "approve", "comment", "ok")).expect(200);
            assertThat(client.boolVariation(FLAG, FREE, true)).as("nothing applied before apply").isFalse();
            assertThat(dave.post(request + "/apply", null).expect(200).body().path("state").asText())
                    .isEqualTo("applied");
            Eventually.awaitEquals("the applied request reached the SDK", true,
                    () -> client.boolVariation(FLAG, FREE, false));

            dave.post(f.configPath() + "/kill", Map.of("comment", "incident")).expect(200);
            Eventually.awaitEquals("the kill needs no review", ReasonKind.OFF,
                    () -> client.boolVariationDetail(FLAG, FREE, true).reason().kind());
        }
    }

    @Test
    void rollbackRestoresThePreviousBehaviourAndKillTurnsTheFlagOff() {
        Fixture f = fixture("rollback");
        try (VexilClient client = f.initializedClient()) {
            f.changeTargeting(Fixture.ruleFor("free"));
            Eventually.awaitEquals("the change arrived", true, () -> client.boolVariation(FLAG, FREE, false));

            f.admin.post(f.configPath() + "/rollback", Map.of("version", 1)).expect(200);
            Eventually.awaitEquals("the rollback restored version 1 (pro matches)", true,
                    () -> client.boolVariation(FLAG, PRO, false));
            assertThat(client.boolVariation(FLAG, FREE, true)).isFalse();

            f.admin.post(f.configPath() + "/kill", Map.of()).expect(200);
            Eventually.awaitEquals("the kill switch turned it off", ReasonKind.OFF,
                    () -> client.boolVariationDetail(FLAG, PRO, true).reason().kind());
            assertThat(client.boolVariation(FLAG, PRO, true)).isFalse();
        }
    }

    @Test
    void aKillListWrittenStraightToTheStoreOverridesTheFlagWhileTheAdminApiIsDown() {
        Fixture f = fixture("killlist");
        try (VexilClient client = f.initializedClient()) {
            stack.stopAdmin();
            try {
                AdminApi freshClient = new AdminApi(stack.adminBaseUrl(), stack.adminToken()); // no pooled connection
                assertThatThrownBy(() -> freshClient.get(f.configPath())).hasCauseInstanceOf(ConnectException.class);

                stack.writeKillListDirectly(f.project, Fixture.ENV,
                        "{\"flags\": [\"" + FLAG + "\"], \"reason\": \"incident 42\", \"updatedAt\": \"" + Instant.now() + "\"}");

                Eventually.awaitEquals("the kill list forces the flag off", false, () -> client.boolVariation(FLAG, PRO, true));
                EvaluationDetail<Boolean> detail = client.boolVariationDetail(FLAG, PRO, true);
                assertThat(detail.reason().kind()).isEqualTo(ReasonKind.OFF);
                assertThat(client.status().killedFlags()).containsExactly(FLAG);
            } finally {
                stack.startAdmin();
            }
        }
    }

    @Test
    void concurrentWritersLoseNoUpdateAsSeenThroughTheSdk() throws Exception {
        Fixture f = fixture("concurrent");
        int writers = 4;
        int updatesEach = 10;
        try (VexilClient client = f.initializedClient()) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                conflicts.add(pool.submit(() -> appendTargets(f, writer, updatesEach)));
            }
            int conflictCount = 0;
            for (Future<Integer> c : conflicts) {
                conflictCount += c.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            AdminApi.Response last = f.admin.get(f.configPath()).expect(200);
            assertThat(last.etag()).isEqualTo("\"" + (1 + writers * updatesEach) + "\"");
            JsonNode keys = Fixture.targetsOf(Fixture.configOf(last)).path(0).path("keys");
            assertThat(keys).hasSize(writers * updatesEach);
            List<Context> everyWriter = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                for (int i = 0; i < updatesEach; i++) {
                    everyWriter.add(Context.builder("writer-" + w + "-" + i).set("plan", "free").build());
                }
            }
            Eventually.await("the SDK serves the last version, with every writer's target",
                    () -> everyWriter.stream().allMatch(c -> client.boolVariation(FLAG, c, false)));
            assertThat(client.boolVariation(FLAG, FREE, true)).isFalse();
            System.out.println(stack.name() + ": " + writers * updatesEach + " updates, " + conflictCount + " conflicts (412)");
        }
    }

    /** Read-modify-write with If-Match, retrying on 412: appends writer-w-i to the first target's keys. */
    private static int appendTargets(Fixture f, int writer, int updates) {
        int conflicts = 0;
        for (int i = 0; i < updates; i++) {
            while (true) {
                AdminApi.Response current = f.admin.get(f.configPath()).expect(200);
                ObjectNode config = Fixture.configOf(current).deepCopy();
                ObjectNode body = Fixture.ruleFor("pro");
                body.set("targets", config.has("targets") && !config.get("targets").isEmpty()
                        ? config.get("targets") : AdminApi.JSON.createArrayNode().add(
                                AdminApi.JSON.createObjectNode().put("variation", 0).set("keys", AdminApi.JSON.createArrayNode())));
                ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("targets").get(0).get("keys"))
                        .add("writer-" + writer + "-" + i);
                AdminApi.Response put = f.putConfig(body, current.etag());
                if (put.status() == 200) {
                    break;
                }
                put.expect(412);
                conflicts++;
                backOff(); // as a well-behaved client does, so that four writers do not retry in lock-step
            }
        }
        return conflicts;
    }

    private static void backOff() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(20, 100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pollsOfAnUnchangedEnvironmentGet304WithNoBody() throws Exception {
        Fixture f = fixture("unchanged");
        try (VexilClient client = f.initializedClient()) {
            long before = stack.edgeStats().notModified();
            Eventually.await("the SDK's polls are answered 304", () -> stack.edgeStats().notModified() >= before + 10);
            assertThat(client.status().consecutiveFailures()).isZero();

            HttpResponse<byte[]> first = edge(f.sdkKey, null);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("content-encoding")).contains("gzip");
            String etag = first.headers().firstValue("etag").orElseThrow();
            HttpResponse<byte[]> again = edge(f.sdkKey, etag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("etag")).contains(etag);
        }
    }

    @Test
    void aRevokedKeyGets403AtTheEdgeAndTheSdkRetriesItOnlySlowly() throws Exception {
        Fixture f = fixture("revoke");
        try (VexilClient client = f.initializedClient()) {
            f.admin.delete(f.envPath() + "/sdk-keys/" + f.sdkKeyId).expect(200);

            // A refused key is retried after 5 minutes (jittered), so within this test: not a single request.
            Eventually.await("the SDK reports its key refused", () -> client.status().keyRefused());
            assertThat(edge(f.sdkKey, null).statusCode()).isEqualTo(403);
            assertThat(client.boolVariation(FLAG, PRO, false)).as("keeps serving its last data").isTrue();

            // Let another client poll ten times: the revoked one must not have made a single request meanwhile.
            long refused = stack.edgeStats().count(403);
            String otherKey = f.admin.post(f.envPath() + "/sdk-keys", Map.of("name", "other")).expect(201)
                    .body().path("secret").asText();
            try (VexilClient other = VexilClient.builder(stack.edgeBaseUrl(), otherKey).pollInterval(Fixture.POLL).build()) {
                Fixture.awaitInitialized(other);
                long notModified = stack.edgeStats().notModified();
                Eventually.await("the other client polled ten times", () -> stack.edgeStats().notModified() >= notModified + 10);
            }
            assertThat(stack.edgeStats().count(403)).isEqualTo(refused);
        }
    }

    @Test
    void duringAnEdgeOutageTheSdkKeepsServingCatchesUpAndStartsFromItsCache(@TempDir Path cache) {
        Fixture f = fixture("outage");
        try (VexilClient client = f.newClient(cache)) {
            Fixture.awaitInitialized(client);
            Fixture.awaitStartingTargeting(client);

            stack.stopEdge();
            try {
                Eventually.await("the SDK notices the outage", () -> client.status().consecutiveFailures() > 0);
                assertThat(client.boolVariation(FLAG, PRO, false)).as("last-known-good").isTrue();
                f.changeTargeting(Fixture.ruleFor("free"));
            } finally {
                stack.startEdge();
            }
            Eventually.awaitEquals("the SDK catches up after the outage", true, () -> client.boolVariation(FLAG, FREE, false));
            // One more confirmed poll: the single poller thread has then finished writing the cache for the catch-up.
            Instant caughtUp = Instant.now();
            Eventually.await("the SDK confirms its data again", () -> {
                Instant confirmed = client.status().lastConfirmedAt();
                return confirmed != null && confirmed.isAfter(caughtUp);
            });
        }

        stack.stopEdge();
        try (VexilClient fromCache = f.newClient(cache)) {
            Fixture.awaitInitialized(fromCache);
            ClientStatus status = fromCache.status();
            assertThat(status.source()).isEqualTo(DataSource.CACHE);
            assertThat(fromCache.boolVariation(FLAG, FREE, false)).as("the cached (latest) targeting").isTrue();
            assertThat(fromCache.boolVariation(FLAG, PRO, true)).isFalse();
        } finally {
            stack.startEdge();
        }
    }

    @Test
    void aCompilerFaultIsRetriedAndTheChangeStillArrives() {
        Fixture f = fixture("fault");
        try (VexilClient client = f.initializedClient()) {
            int firedBefore = stack.compilerFaultsFired();
            stack.injectCompilerFaultOnce();

            f.changeTargeting(Fixture.ruleFor("free"));

            Eventually.awaitEquals("the change arrives after the retry", true, () -> client.boolVariation(FLAG, FREE, false));
            assertThat(stack.compilerFaultsFired()).isEqualTo(firedBefore + 1);
        }
    }

    @Test
    void aCorruptedSnapshotIsRefusedAndTheSdkKeepsItsData() {
        Fixture f = fixture("corrupt");
        try (VexilClient client = f.initializedClient()) {
            long version = client.status().snapshotVersion();
            Instant corruptedAt = Instant.now();

            stack.corruptCurrentSnapshot(f.project, Fixture.ENV);

            Eventually.await("the SDK refuses the corrupted snapshot", () -> {
                ClientStatus s = client.status();
                return s.lastErrorAt() != null && !s.lastErrorAt().isBefore(corruptedAt);
            });
            assertThat(client.boolVariation(FLAG, PRO, false)).as("the tampered copy turned every flag off").isTrue();
            assertThat(client.status().snapshotVersion()).isEqualTo(version);

            f.changeTargeting(Fixture.ruleFor("free"));
            Eventually.awaitEquals("a good newer snapshot is accepted again", true, () -> client.boolVariation(FLAG, FREE, false));
        }
    }

    @Test
    void anSdkTrustingTheStacksSigningKeyRefusesAForgeryAndTakesTheNextGenuineSnapshot() {
        Fixture f = fixture("signed");
        try (VexilClient client = VexilClient.builder(stack.edgeBaseUrl(), f.sdkKey).pollInterval(Fixture.POLL)
                .trustedKey(stack.signingPublicKeyPem()).build()) {
            Fixture.awaitInitialized(client);
            // The first snapshot the SDK takes may predate the fixture's targeting (as in initializedClient): wait
            // for the targeting, which a client trusting only signed snapshots serves only if the signature verifies.
            Eventually.awaitEquals("the compiler's signature verifies", true, () -> client.boolVariation(FLAG, PRO, false));
            long version = client.status().snapshotVersion();

            stack.forgeCurrentSnapshot(f.project, Fixture.ENV);

            Eventually.await("the SDK refuses the forgery", () -> String.valueOf(client.status().lastError())
                    .contains("refused an unverifiable snapshot"));
            assertThat(client.boolVariation(FLAG, PRO, false)).as("the forgery turned every flag off").isTrue();
            assertThat(client.status().snapshotVersion()).isEqualTo(version);

            f.changeTargeting(Fixture.ruleFor("free"));
            Eventually.awaitEquals("the next genuine snapshot is accepted", true,
                    () -> client.boolVariation(FLAG, FREE, false));
        }
    }

    private HttpResponse<byte[]> edge(String sdkKey, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.edgeBaseUrl().resolve("/sdk/v1/snapshot"))
                .header("Authorization", sdkKey).header("Accept-Encoding", "gzip");
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
