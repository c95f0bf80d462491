package dev.vexil.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.core.insights.SnapshotFlagKeys;
import dev.vexil.eval.ReasonKind;
import dev.vexil.localstore.files.FileSystemSnapshotPublisher;
import dev.vexil.localstore.insights.SqliteInsightsStore;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.wire.EvaluationSummary;
import dev.vexil.eval.Context;
import dev.vexil.sdk.VexilClient;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /sdk/v1/events} on the local edge: the key check, validation, and what lands in the insights store. */
class EdgeEventsTest {
    private static final String ACTIVE = EdgeKeys.ACTIVE;
    private static final String REVOKED = EdgeKeys.REVOKED;
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:42Z");
    private static final Instant MINUTE = Instant.parse("2026-12-03T10:15:00Z");

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private SqliteFlagRepository repository;
    private SqliteInsightsStore insights;
    private EdgeServer edge;

    @BeforeEach
    void start() {
        repository = EdgeKeys.repository(dir.resolve("vexil.db"));
        FileSystemSnapshotPublisher publisher = new FileSystemSnapshotPublisher(dir.resolve("objects"));
        Flag checkout = new Flag("checkout", FlagType.BOOLEAN, List.of(new Variation(BooleanNode.TRUE, "on"),
                new Variation(BooleanNode.FALSE, "off")), 1L, true, 1, null, null, null, null, Serve.variation(0),
                null);
        publisher.publish(SnapshotCodec.seal(new Snapshot(1, "shop", "prod", 3, Instant.now().toString(),
                List.of(checkout), List.of(), null)));
        insights = new SqliteInsightsStore(dir.resolve("insights.db"));
        edge = new EdgeServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), publisher,
                SdkKeyLookup.activeKeysOf(repository),
                new InsightsIngest(insights, new SnapshotFlagKeys(publisher), Clock.fixed(NOW, ZoneOffset.UTC)))
                .start();
    }

    @AfterEach
    void stop() {
        edge.stop();
        insights.close();
        repository.close();
    }

    private HttpResponse<String> post(String key, byte[] body) throws Exception {
        return post(key, body, null);
    }

    private HttpResponse<String> post(String key, byte[] body, String contentEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port()
                + "/sdk/v1/events")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", key);
        }
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] summary(EvaluationSummary.Count... counts) {
        return new EvaluationSummary("vexil-java", "test", 3, NOW.minusSeconds(60), NOW, List.of(counts), 0)
                .toJson();
    }

    private List<MinuteCount> stored() {
        return insights.counts("shop", "prod", null, MINUTE.minusSeconds(3600), MINUTE.plusSeconds(3600));
    }

    @Test
    void storesTheCountsInTheMinuteOfArrivalWithUnknownFlagsApart() throws Exception {
        HttpResponse<String> response = post(ACTIVE, summary(
                new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 812),
                new EvaluationSummary.Count("checkout", -1, ReasonKind.ERROR, 3),
                new EvaluationSummary.Count("gone-flag", 1, ReasonKind.RULE_MATCH, 5),
                new EvaluationSummary.Count("other-gone", 1, ReasonKind.RULE_MATCH, 2)));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"counts\":4").contains("\"unknownFlagCounts\":2");
        post(ACTIVE, summary(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 8)));

        assertThat(stored()).containsExactly(
                new MinuteCount(MINUTE, EvaluationCount.UNKNOWN_FLAG, 1, ReasonKind.RULE_MATCH, 7),
                new MinuteCount(MINUTE, "checkout", -1, ReasonKind.ERROR, 3),
                new MinuteCount(MINUTE, "checkout", 0, ReasonKind.FALLTHROUGH, 820));
    }

    @Test
    void theKeyIsCheckedAsForSnapshots() throws Exception {
        byte[] body = summary(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 1));
        assertThat(post(null, body).statusCode()).isEqualTo(401);
        assertThat(post("not-a-key", body).statusCode()).isEqualTo(401);
        assertThat(post(REVOKED, body).statusCode()).isEqualTo(403);
        assertThat(post("sdk-unknown-key-for-the-edge-test-0000000000000", body).statusCode()).isEqualTo(403);
        assertThat(stored()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{}", "[]",
            "{\"schemaVersion\":1,\"sdk\":{\"name\":\"x\",\"version\":\"1\"},\"snapshotVersion\":1,"
                    + "\"window\":{\"start\":\"2026-12-03T10:00:00Z\",\"end\":\"2026-12-03T10:01:00Z\"},"
                    + "\"counts\":[{\"flag\":\"checkout\",\"variation\":0,\"reason\":\"OFF\",\"count\":1},"
                    + "{\"flag\":\"checkout\",\"variation\":0,\"reason\":\"OFF\",\"count\":-5}],\"dropped\":0}"})
    void badBodiesGet400AndStoreNothing(String body) throws Exception {
        HttpResponse<String> response = post(ACTIVE, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(stored()).isEmpty();
    }

    @Test
    void anOversizedBodyGets400() throws Exception {
        byte[] huge = new byte[EvaluationSummary.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> response = post(ACTIVE, huge);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("larger than");
        assertThat(stored()).isEmpty();
    }

    @Test
    void aRealSdksGzippedSummaryIsCountedExactly() throws Exception {
        VexilClient client = VexilClient.builder(URI.create("http://127.0.0.1:" + edge.port()), ACTIVE)
                .push(false).pollInterval(Duration.ofHours(1)).metricsInterval(Duration.ofHours(1)).build();
        try (client) {
            assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
            Context user = Context.builder("user-1").build();
            for (int i = 0; i < 1234; i++) {
                client.boolVariation("checkout", user, false);
            }
            client.stringVariationDetail("checkout", user, "wrong type"); // ERROR, no variation served
        } // close() sends the summary, gzipped
        assertThat(stored()).containsExactly(
                new MinuteCount(MINUTE, "checkout", -1, ReasonKind.ERROR, 1),
                new MinuteCount(MINUTE, "checkout", 0, ReasonKind.FALLTHROUGH, 1234));
    }

    @Test
    void aGzippedSummaryIsStoredAsItsJsonWouldBe() throws Exception {
        byte[] json = summary(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 812),
                new EvaluationSummary.Count("gone-flag", 1, ReasonKind.RULE_MATCH, 5));
        HttpResponse<String> response = post(ACTIVE, EvaluationSummary.gzipBody(json), "gzip");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"counts\":2").contains("\"unknownFlagCounts\":1");
        assertThat(stored()).containsExactly(
                new MinuteCount(MINUTE, EvaluationCount.UNKNOWN_FLAG, 1, ReasonKind.RULE_MATCH, 5),
                new MinuteCount(MINUTE, "checkout", 0, ReasonKind.FALLTHROUGH, 812));
    }

    @Test
    void aGzipBombGets400AndChangesNothing() throws Exception {
        post(ACTIVE, summary(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 7)));
        List<MinuteCount> before = stored();
        // A valid summary whose whitespace inflates it to 64 MiB: a few tens of KB on the wire.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        byte[] json = summary(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 1_000_000));
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write(json, 0, json.length - 1);
            byte[] spaces = new byte[1 << 16];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 1024; i++) {
                gzip.write(spaces);
            }
            gzip.write('}');
        }
        assertThat(bomb.size()).isLessThan(EvaluationSummary.MAX_BYTES);

        HttpResponse<String> response = post(ACTIVE, bomb.toByteArray(), "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("inflates to more than " + EvaluationSummary.MAX_BYTES + " bytes");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotGzipButSaysSoGets400() throws Exception {
        byte[] json = summary(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 1));
        HttpResponse<String> response = post(ACTIVE, json, "gzip");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid gzip");
        assertThat(stored()).isEmpty();
    }

    @Test
    void anotherContentEncodingGets415NamingGzip() throws Exception {
        byte[] json = summary(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 1));
        HttpResponse<String> response = post(ACTIVE, json, "br");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Accept-Encoding")).hasValue("gzip");
        assertThat(response.body()).contains("Content-Encoding br is not supported");
        assertThat(stored()).isEmpty();
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + edge.port() + "/sdk/v1/events")).header("Authorization", ACTIVE).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
}
