package dev.vexil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole local stack on free ports, over HTTP: first start seeds, a restart keeps everything and seeds nothing. */
class LocalServicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private static LocalConfig onFreePorts(Path dataDir, String token) {
        return new LocalConfig(0, 0, dataDir, token);
    }

    private HttpResponse<String> admin(LocalServices services, String method, String path, String token,
                                       String ifMatch, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(services.adminBaseUri().resolve(path))
                .header("Authorization", "Bearer " + token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode snapshot(LocalServices services, String sdkKey) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(services.edgeBaseUri().resolve("/sdk/v1/snapshot"))
                .header("Authorization", sdkKey).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return SnapshotCodec.readVerifiedTree(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes());
    }

    private static boolean checkoutOn(JsonNode snapshot) {
        for (JsonNode flag : snapshot.path("flags")) {
            if (flag.path("key").asText().equals(DemoSeeder.CHECKOUT_FLAG)) {
                return flag.path("on").asBoolean();
            }
        }
        throw new AssertionError("no new-checkout flag in " + snapshot);
    }

    private HttpResponse<String> createProject(LocalServices services, String key, String principal) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(services.adminBaseUri().resolve("/v1/projects"))
                .header("Authorization", "Bearer " + services.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}"));
        if (principal != null) {
            request.header("X-Vexil-Principal", principal);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void byDefaultOnlyTheTokensOwnPrincipalCreatesProjects() throws Exception {
        try (LocalServices services = LocalServices.start(onFreePorts(dataDir, null))) {
            assertThat(createProject(services, "mine", null).statusCode()).isEqualTo(201);
            HttpResponse<String> refused = createProject(services, "theirs", "alice@example.com");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("project-creator list");
        }
    }

    @Test
    void theProjectCreatorListAndBreakGlassOperatorsAreConfigurable() throws Exception {
        LocalConfig config = new LocalConfig(0, 0, dataDir, null, "team-*", "ops-oncall");
        try (LocalServices services = LocalServices.start(config)) {
            assertThat(createProject(services, "team-project", "team-alice").statusCode()).isEqualTo(201);
            assertThat(createProject(services, "other", null).statusCode()).isEqualTo(403);
            HttpRequest asOperator = HttpRequest.newBuilder(services.adminBaseUri().resolve("/v1/projects/team-project"))
                    .header("Authorization", "Bearer " + services.adminToken())
                    .header("X-Vexil-Principal", "ops-oncall").build();
            assertThat(http.send(asOperator, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void quotasAndTheWriteRateLimitAreConfigurable() throws Exception {
        LocalConfig config = new LocalConfig(0, 0, dataDir, null, "*", null, "environments=1", "4/3600s");
        try (LocalServices services = LocalServices.start(config)) {
            assertThat(createProject(services, "limited", "carol").statusCode()).isEqualTo(201);
            assertThat(createEnvironment(services, "limited", "dev", "carol").statusCode()).isEqualTo(201);
            HttpResponse<String> overQuota = createEnvironment(services, "limited", "prod", "carol");
            assertThat(overQuota.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(overQuota.body()).path("quota").asText()).isEqualTo("environments");

            assertThat(createProject(services, "limited-2", "carol").statusCode()).isEqualTo(201);
            HttpResponse<String> fifth = createProject(services, "limited-3", "carol");
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(fifth.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
            assertThat(createProject(services, "limited-3", "dave").statusCode()).isEqualTo(201);
        }
    }

    private HttpResponse<String> createEnvironment(LocalServices services, String project, String key,
                                                   String principal) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(services.adminBaseUri()
                        .resolve("/v1/projects/" + project + "/environments"))
                .header("Authorization", "Bearer " + services.adminToken()).header("X-Vexil-Principal", principal)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void firstStartSeedsAndServesARestartKeepsEverythingAndSeedsNothing() throws Exception {
        String token;
        String devKey;
        try (LocalServices first = LocalServices.start(onFreePorts(dataDir, null))) {
            token = first.adminToken();
            devKey = first.credentials().demoSdkKeys().get("development");
            HttpResponse<String> flags = admin(first, "GET", "/v1/projects/demo/flags", token, null, null);
            assertThat(flags.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(flags.body()).path("items")).hasSize(2);
            assertThat(checkoutOn(snapshot(first, devKey))).isTrue();

            // Flip new-checkout off, exactly as the printed curl command does.
            String configPath = "/v1/projects/demo/environments/development/flags/new-checkout";
            HttpResponse<String> current = admin(first, "GET", configPath, token, null, null);
            ObjectNode config = (ObjectNode) JSON.readTree(current.body());
            config.remove(java.util.List.of("version", "updatedAt", "updatedBy"));
            config.put("on", false);
            HttpResponse<String> flipped = admin(first, "PUT", configPath, token,
                    current.headers().firstValue("ETag").orElseThrow(), config.toString());
            assertThat(flipped.statusCode()).as(flipped.body()).isEqualTo(200);
            assertThat(first.compileQueue().awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(checkoutOn(snapshot(first, devKey))).isFalse();
        }

        try (LocalServices second = LocalServices.start(onFreePorts(dataDir, null))) {
            assertThat(second.adminToken()).isEqualTo(token);
            assertThat(second.credentials().demoSdkKeys()).containsEntry("development", devKey);
            assertThat(second.repository().getProject("demo").orElseThrow().version()).isEqualTo(1);
            assertThat(second.repository().listSdkKeys("demo", "development")).hasSize(1);
            assertThat(second.repository().getFlagConfig("demo", "development", "new-checkout").orElseThrow().version())
                    .isEqualTo(2);
            assertThat(checkoutOn(snapshot(second, devKey))).as("the flip survived the restart").isFalse();
            assertThat(admin(second, "GET", "/v1/projects", token, null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void snapshotsAreSignedWithTheDataDirectoryKeyWhichSurvivesARestartAndIsPrinted() throws Exception {
        String publicKey;
        try (LocalServices first = LocalServices.start(onFreePorts(dataDir, null))) {
            publicKey = Files.readString(dataDir.resolve(SigningKeyFile.PUBLIC_FILE));
            assertThat(first.signingPublicKeyPem()).isEqualTo(publicKey);
            String devKey = first.credentials().demoSdkKeys().get("development");
            SnapshotVerifier.trusting(List.of(SigningKeys.parsePublicKey(publicKey)))
                    .verify(snapshot(first, devKey));
            ByteArrayOutputStream banner = new ByteArrayOutputStream();
            StartupBanner.print(new PrintStream(banner, true, StandardCharsets.UTF_8), first);
            assertThat(banner.toString(StandardCharsets.UTF_8)).contains(publicKey);
        }
        assertThat(Files.readString(dataDir.resolve(SigningKeyFile.PRIVATE_FILE))).contains("BEGIN PRIVATE KEY");
        try (LocalServices second = LocalServices.start(onFreePorts(dataDir, null))) {
            assertThat(second.signingPublicKeyPem()).as("the same key after a restart").isEqualTo(publicKey);
        }
    }

    @Test
    void aDamagedSigningKeyFileStopsTheStartWithTheReason() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(SigningKeyFile.PRIVATE_FILE), "not a key");
        assertThatThrownBy(() -> LocalServices.start(onFreePorts(dataDir, null)))
                .hasMessageContaining(SigningKeyFile.PRIVATE_FILE).hasMessageContaining("PRIVATE KEY");
    }

    @Test
    void theAdminTokenFromTheEnvironmentReplacesTheStoredOne() throws Exception {
        String stored;
        try (LocalServices first = LocalServices.start(onFreePorts(dataDir, null))) {
            stored = first.adminToken();
        }
        try (LocalServices fixed = LocalServices.start(onFreePorts(dataDir, "ci-token"))) {
            assertThat(fixed.tokenFromEnvironment()).isTrue();
            assertThat(admin(fixed, "GET", "/v1/projects", "ci-token", null, null).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = admin(fixed, "GET", "/v1/projects", stored, null, null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
        }
    }

    @Test
    void aPortInUseFailsTheStartClearlyAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalConfig clash = new LocalConfig(taken.getLocalPort(), 0, dataDir, null);
            assertThatThrownBy(() -> LocalServices.start(clash))
                    .hasMessageContaining("cannot listen on").hasMessageContaining(":" + taken.getLocalPort());
        }
        try (LocalServices again = LocalServices.start(onFreePorts(dataDir, null))) { // the lock was released
            assertThat(admin(again, "GET", "/v1/projects", again.adminToken(), null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSecondStackOnTheSameDataDirectoryIsRefused() {
        try (LocalServices running = LocalServices.start(onFreePorts(dataDir, null))) {
            assertThatThrownBy(() -> LocalServices.start(onFreePorts(dataDir, null)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already using");
            assertThat(running.adminBaseUri()).isNotEqualTo(URI.create("http://127.0.0.1:0"));
        }
    }
}
