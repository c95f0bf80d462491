package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last-known-good cache and the bootstrap file: what a client serves when the edge is down at start-up. */
class LastKnownGoodTest {
    private static final Context USER = Context.builder("user-1").build();

    @TempDir
    Path cacheDir;

    /** Runs a client against a live edge until it has cached {@code version}; returns the edge's (now dead) URI. */
    private URI cacheThenStopEdge(byte[] snapshot, long version) {
        try (FakeEdge edge = new FakeEdge().snapshot(snapshot);
             VexilClient client = TestClients.fast(edge).cacheDirectory(cacheDir).build()) {
            Eventually.await("version " + version, () -> client.status().snapshotVersion() == version);
            Eventually.await("a confirmation recorded", () -> Files.exists(cache(edge.baseUri()).stateFile()));
            return edge.baseUri();
        }
    }

    private SnapshotCache cache(URI base) {
        return new SnapshotCache(cacheDir, base, TestClients.KEY, new SnapshotReader(null));
    }

    private static VexilClient.Builder against(URI deadEdge) {
        return VexilClient.builder(deadEdge, TestClients.KEY).pollInterval(Duration.ofMillis(50))
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(20));
    }

    @Test
    void theCacheIsServedWhenTheEdgeIsDownAtStartUp() {
        byte[] v3 = json(3, boolFlag("checkout", true));
        URI deadEdge = cacheThenStopEdge(v3, 3);

        try (VexilClient client = against(deadEdge).cacheDirectory(cacheDir).build()) {
            assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
            ClientStatus status = client.status();
            assertThat(status.source()).isEqualTo(DataSource.CACHE);
            assertThat(status.snapshotVersion()).isEqualTo(3);
            assertThat(status.lastConfirmedAt()).isBefore(Instant.now().plusSeconds(1));
            assertThat(status.lastError()).contains("snapshot request failed");
            assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        }
    }

    @Test
    void aCorruptResponseNeverOverwritesTheCache() throws IOException {
        byte[] v3 = json(3, boolFlag("checkout", true));
        URI deadEdge;
        try (FakeEdge edge = new FakeEdge().snapshot(v3);
             VexilClient client = TestClients.fast(edge).cacheDirectory(cacheDir).build()) {
            deadEdge = edge.baseUri();
            Eventually.await("version 3", () -> client.status().snapshotVersion() == 3);
            Path file = cache(edge.baseUri()).snapshotFile();
            Eventually.await("cached", () -> Files.exists(file));

            String tampered = new String(json(4, boolFlag("checkout", false)), StandardCharsets.UTF_8)
                    .replace("\"version\":4", "\"version\":40");
            assertThat(tampered).contains("\"version\":40");
            edge.snapshot(tampered.getBytes(StandardCharsets.UTF_8));
            Eventually.await("refusals", () -> client.status().consecutiveFailures() >= 3);
            edge.snapshotOverride(FakeEdge.truncatedGzip(json(5, boolFlag("checkout", false))));
            int failures = client.status().consecutiveFailures();
            Eventually.await("more refusals", () -> client.status().consecutiveFailures() >= failures + 2);

            assertThat(Files.readAllBytes(file)).isEqualTo(v3);
        }
        try (VexilClient client = against(deadEdge).cacheDirectory(cacheDir).build()) {
            assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
            assertThat(client.status().snapshotVersion()).isEqualTo(3);
            assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        }
    }

    @Test
    void twoClientsWithDifferentKeysDoNotShareACacheFile() {
        URI base = URI.create("https://flags.example.com");
        SnapshotCache a = new SnapshotCache(cacheDir, base, "sdk-key-a", new SnapshotReader(null));
        SnapshotCache b = new SnapshotCache(cacheDir, base, "sdk-key-b", new SnapshotReader(null));
        SnapshotCache otherEdge = new SnapshotCache(cacheDir, URI.create("https://other.example.com"), "sdk-key-a", new SnapshotReader(null));
        assertThat(a.snapshotFile()).isNotEqualTo(b.snapshotFile()).isNotEqualTo(otherEdge.snapshotFile());
        assertThat(a.snapshotFile().getFileName().toString()).doesNotContain("sdk-key");
    }

    @Test
    void theBootstrapFileIsTheFallbackAfterTheCache() throws IOException {
        URI deadEdge;
        try (FakeEdge edge = new FakeEdge()) {
            deadEdge = edge.baseUri();
        }
        Path bootstrap = cacheDir.resolve("bootstrap.json.gz");
        Files.write(bootstrap, FakeEdge.gzip(json(2, boolFlag("checkout", true))));

        try (VexilClient client = against(deadEdge).cacheDirectory(cacheDir.resolve("empty")).bootstrap(bootstrap)
                .build()) {
            assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
            assertThat(client.status().source()).isEqualTo(DataSource.BOOTSTRAP);
            assertThat(client.status().snapshotVersion()).isEqualTo(2);
            assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        }
    }

    @Test
    void aCorruptCacheFileIsIgnoredInFavourOfTheBootstrapFile() throws IOException {
        URI deadEdge = cacheThenStopEdge(json(3, boolFlag("checkout", false)), 3);
        Path cached = cache(deadEdge).snapshotFile();
        byte[] bytes = Files.readAllBytes(cached);
        Files.write(cached, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Path bootstrap = cacheDir.resolve("bootstrap.json");
        Files.write(bootstrap, json(1, boolFlag("checkout", true)));

        try (VexilClient client = against(deadEdge).cacheDirectory(cacheDir).bootstrap(bootstrap).build()) {
            assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
            assertThat(client.status().source()).isEqualTo(DataSource.BOOTSTRAP);
            assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        }
    }

    @Test
    void offlineMakesNoRequestAndServesTheBootstrapFile() throws IOException {
        Path bootstrap = cacheDir.resolve("bootstrap.json");
        Files.write(bootstrap, json(7, boolFlag("checkout", true)));
        try (FakeEdge edge = new FakeEdge().snapshot(json(8, boolFlag("checkout", false)));
             VexilClient client = VexilClient.builder(edge.baseUri(), TestClients.KEY).offline(true)
                     .bootstrap(bootstrap).build()) {
            assertThat(client.waitForInitialization(Duration.ZERO)).isTrue();
            Eventually.sleep(200);
            assertThat(edge.requests()).isEmpty();
            assertThat(client.status().snapshotVersion()).isEqualTo(7);
            assertThat(client.status().polling()).isFalse();
            assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        }
    }

    @Test
    void offlineWithNothingOnDiskGivesUpAtOnce() {
        try (VexilClient client = VexilClient.builder(URI.create("http://127.0.0.1:9"), "k").offline(true)
                .bootstrap(cacheDir.resolve("missing.json")).build()) {
            assertThat(client.waitForInitialization(Duration.ofMinutes(1))).isFalse();
            assertThat(client.status().lastError()).contains("bootstrap file");
            assertThat(client.boolVariation("checkout", USER, true)).isTrue();
        }
    }

    @Test
    void eachConfirmationIsRecordedInTheCache() {
        try (FakeEdge edge = new FakeEdge().snapshot(json(3, boolFlag("checkout", true)));
             VexilClient client = TestClients.fast(edge).cacheDirectory(cacheDir).build()) {
            client.waitForInitialization(Duration.ofSeconds(30));
            SnapshotCache cache = cache(edge.baseUri());
            Eventually.await("cached", () -> cache.load().isPresent());
            Instant first = cache.load().orElseThrow().confirmedAt();
            Eventually.await("a later 304 recorded", () -> cache.load().orElseThrow().confirmedAt().isAfter(first));
            assertThat(cache.load().orElseThrow().snapshotEtag()).isNotNull();
        }
    }
}
