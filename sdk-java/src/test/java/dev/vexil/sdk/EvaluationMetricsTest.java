package dev.vexil.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.eval.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluation metrics end to end against a real HTTP edge: exact counts under 4 threads across snapshot swaps, the
 * summary's shape, a failed send merging into the next window under the cap, the flush at close, and turning metrics
 * off. Sends are triggered explicitly (the interval is an hour), so nothing depends on timing.
 */
class EvaluationMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeEdge edge = new FakeEdge();

    @AfterEach
    void stopEdge() {
        edge.close();
    }

    private VexilClient client(int maxEntries) {
        edge.snapshot(TestSnapshots.json(1, TestSnapshots.boolFlag("a", true), TestSnapshots.boolFlag("b", false),
                TestSnapshots.stringFlag("c", 1, "x", "y", "z")));
        return TestClients.settled(TestClients.fast(edge).pollInterval(Duration.ofHours(1))
                .metricsInterval(Duration.ofHours(1)).metricsMaxEntries(maxEntries).build());
    }

    /** flag/variation/reason → count, summed over the given summaries. */
    private static Map<String, Long> counts(List<JsonNode> summaries) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode s : summaries) {
            for (JsonNode c : s.get("counts")) {
                counts.merge(c.get("flag").asText() + "/" + c.get("variation").asInt() + "/"
                        + c.get("reason").asText(), c.get("count").asLong(), Long::sum);
            }
        }
        return counts;
    }

    private List<JsonNode> summaries() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (byte[] body : edge.eventBodies()) {
            all.add(JSON.readTree(body));
        }
        return all;
    }

    @Test
    void countsExactlyUnderFourThreadsAcrossSnapshotSwaps() throws Exception {
        int perThread = 50_000;
        VexilClient client = client(10_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Context ctx = Context.builder("user-" + t).build();
            boolean detail = t % 2 == 1;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    if (detail) {
                        client.boolVariationDetail("a", ctx, false);
                    } else {
                        client.boolVariation("a", ctx, false);
                    }
                    client.stringVariation("c", ctx, "none");
                }
            }));
        }
        start.countDown();
        for (long v = 2; v <= 20; v++) { // each swap hands out a new counter table while the threads count
            client.store().applyFromEdge(TestSnapshots.snapshot(v, TestSnapshots.boolFlag("a", true),
                    TestSnapshots.stringFlag("c", 1, "x", "y", "z")), true, null);
            client.flushMetrics(WAIT); // drains tables in use, and the retired ones
        }
        for (Thread t : threads) {
            t.join();
        }
        client.close();

        List<JsonNode> summaries = summaries();
        assertThat(counts(summaries)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a/0/FALLTHROUGH", 4L * perThread,
                "c/1/FALLTHROUGH", 4L * perThread));
        assertThat(summaries).allSatisfy(s -> assertThat(s.get("dropped").asLong()).isZero());
        assertThat(summaries).extracting(s -> s.get("snapshotVersion").asLong())
                .isSorted().allSatisfy(v -> assertThat(v).isBetween(2L, 20L));
    }

    @Test
    void theSummaryHoldsTheWindowTheSdkAndOnlyCounts() throws Exception {
        Instant before = Instant.now();
        VexilClient client = client(10_000);
        Context user = Context.builder("user-secret-42").set("email", "someone@private.example").build();
        client.boolVariation("a", user, false);
        client.boolVariation("b", user, true);
        client.stringVariationDetail("a", user, "wrong type"); // the caller got its default: ERROR, no variation
        client.boolVariation("no-such-flag", user, false); // not in the snapshot: not counted
        client.close(); // close() flushes

        assertThat(edge.eventBodies()).hasSize(1);
        String body = new String(edge.eventBodies().getFirst(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("user-secret-42").doesNotContain("private.example");
        JsonNode s = JSON.readTree(body);
        assertThat(s.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(s.get("sdk").get("name").asText()).isEqualTo("vexil-java");
        assertThat(s.get("sdk").get("version").asText()).isNotBlank();
        assertThat(s.get("snapshotVersion").asLong()).isEqualTo(1);
        Instant start = Instant.parse(s.get("window").get("start").asText());
        Instant end = Instant.parse(s.get("window").get("end").asText());
        assertThat(start).isAfterOrEqualTo(before.minusMillis(1)).isBeforeOrEqualTo(end);
        assertThat(counts(List.of(s))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a/0/FALLTHROUGH", 1L, "b/1/FALLTHROUGH", 1L, "a/-1/ERROR", 1L));
        byte[] sent = edge.rawEventBodies().getFirst();
        assertThat(sent).startsWith((byte) 0x1f, (byte) 0x8b); // gzip's magic number: the JSON went compressed
        String bodyHash = sha256Hex(sent); // of the bytes sent, as CloudFront's Origin Access Control signs them
        assertThat(edge.requests(FakeEdge.EVENTS)).singleElement().satisfies(r -> {
            assertThat(r.authorization()).isEqualTo(TestClients.KEY);
            assertThat(r.userAgent()).startsWith("vexil-java/");
            assertThat(r.contentEncoding()).isEqualTo("gzip");
            assertThat(r.contentSha256()).isEqualTo(bodyHash);
        });
    }

    @Test
    void anEdgeRefusingGzipGetsTheSummaryAgainUncompressedAndEveryLaterOne() throws Exception {
        edge.scriptEvents(FakeEdge.status(415));
        try (VexilClient client = client(10_000)) {
            Context ctx = Context.builder("u").build();
            evaluate(client, "a", ctx, 2);
            client.flushMetrics(WAIT); // 415 for the gzip, then 202 for the same summary uncompressed
            evaluate(client, "b", ctx, 1);
            client.flushMetrics(WAIT); // uncompressed straight away

            assertThat(edge.requests(FakeEdge.EVENTS)).extracting(FakeEdge.Request::contentEncoding)
                    .containsExactly("gzip", null, null);
            List<byte[]> raw = edge.rawEventBodies();
            assertThat(raw.get(1)).isEqualTo(edge.eventBodies().get(0)); // the same JSON, sent as is
            assertThat(edge.requests(FakeEdge.EVENTS).get(1).contentSha256()).isEqualTo(sha256Hex(raw.get(1)));
            List<JsonNode> summaries = summaries();
            assertThat(counts(List.of(summaries.get(1)))).isEqualTo(Map.of("a/0/FALLTHROUGH", 2L));
            assertThat(counts(List.of(summaries.get(2)))).isEqualTo(Map.of("b/1/FALLTHROUGH", 1L));
        }
    }

    @Test
    void aFailedSendMergesIntoTheNextWindowAndTheCapHolds() throws Exception {
        edge.scriptEvents(FakeEdge.status(503), FakeEdge.status(500));
        try (VexilClient client = client(2)) {
            Context ctx = Context.builder("u").build();
            evaluate(client, "a", ctx, 3);
            evaluate(client, "b", ctx, 4);
            client.flushMetrics(WAIT); // 503: kept
            evaluate(client, "a", ctx, 1);
            for (int i = 0; i < 7; i++) {
                client.stringVariation("c", ctx, "none"); // a third entry: past the cap of 2, dropped
            }
            client.flushMetrics(WAIT); // 500: kept
            client.flushMetrics(WAIT); // 202

            List<JsonNode> summaries = summaries();
            assertThat(summaries).hasSize(3);
            assertThat(counts(List.of(summaries.get(0)))).isEqualTo(Map.of("a/0/FALLTHROUGH", 3L,
                    "b/1/FALLTHROUGH", 4L));
            JsonNode delivered = summaries.get(2);
            assertThat(counts(List.of(delivered))).isEqualTo(Map.of("a/0/FALLTHROUGH", 4L, "b/1/FALLTHROUGH", 4L));
            assertThat(delivered.get("dropped").asLong()).isEqualTo(7);
            assertThat(delivered.get("window").get("start")).isEqualTo(summaries.get(0).get("window").get("start"));

            client.stringVariation("c", ctx, "none"); // after a delivery the next window starts empty
            client.flushMetrics(WAIT);
            JsonNode next = summaries().get(3);
            assertThat(counts(List.of(next))).isEqualTo(Map.of("c/1/FALLTHROUGH", 1L));
            assertThat(next.get("dropped").asLong()).isZero();
            assertThat(next.get("window").get("start")).isEqualTo(delivered.get("window").get("end"));
        }
    }

    @Test
    void aRefusedSummaryIsDroppedNotResent() throws Exception {
        edge.scriptEvents(FakeEdge.status(400));
        try (VexilClient client = client(10)) {
            Context ctx = Context.builder("u").build();
            evaluate(client, "a", ctx, 2);
            client.flushMetrics(WAIT); // 400: bad input, dropped
            evaluate(client, "b", ctx, 1);
            client.flushMetrics(WAIT);
            assertThat(counts(List.of(summaries().get(1)))).isEqualTo(Map.of("b/1/FALLTHROUGH", 1L));
        }
    }

    @Test
    void metricsTurnedOffSendNothing() throws Exception {
        edge.snapshot(TestSnapshots.json(1, TestSnapshots.boolFlag("a", true)));
        VexilClient client = TestClients.settled(TestClients.fast(edge).metrics(false).build());
        evaluate(client, "a", Context.builder("u").build(), 5);
        client.close();
        assertThat(edge.requests(FakeEdge.EVENTS)).isEmpty();
    }

    private static String sha256Hex(byte[] body) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
    }

    private static void evaluate(VexilClient client, String flag, Context ctx, int times) {
        for (int i = 0; i < times; i++) {
            client.boolVariation(flag, ctx, false);
        }
    }
}
