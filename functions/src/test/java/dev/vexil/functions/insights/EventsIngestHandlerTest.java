package dev.vexil.functions.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.vexil.core.insights.BufferedInsightsStore;
import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.ForwardingInsightsStore;
import dev.vexil.core.insights.InMemoryInsightsStore;
import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.eval.ReasonKind;
import dev.vexil.wire.EvaluationSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The ingest Lambda over the in-memory store: the path it trusts, the method, validation and what it stores. */
class EventsIngestHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:42Z");
    private static final Instant MINUTE = Instant.parse("2026-12-03T10:15:00Z");

    private final InMemoryInsightsStore store = new InMemoryInsightsStore();
    private final EventsIngestHandler handler = new EventsIngestHandler(new InsightsIngest(store,
            environment -> environment.project().equals("shop") ? Set.of("checkout") : Set.of(),
            Clock.fixed(NOW, ZoneOffset.UTC)));

    private static APIGatewayV2HTTPEvent event(String method, String path, String body, boolean base64) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        event.setIsBase64Encoded(base64);
        return event;
    }

    private static String summary() {
        return new String(new EvaluationSummary("vexil-java", "1", 3, NOW.minusSeconds(60), NOW, List.of(
                new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 12),
                new EvaluationSummary.Count("gone", 1, ReasonKind.OFF, 2)), 0).toJson(), StandardCharsets.UTF_8);
    }

    private List<MinuteCount> stored(String project) {
        return store.counts(project, "prod", null, MINUTE.minusSeconds(3600), MINUTE.plusSeconds(3600));
    }

    @Test
    void storesASummaryForTheEnvironmentInThePath() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", "/events/shop/prod", summary(), true),
                null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getBody()).isEqualTo("{\"status\":202,\"counts\":2,\"unknownFlagCounts\":1}");
        assertThat(stored("shop")).containsExactly(
                new MinuteCount(MINUTE, EvaluationCount.UNKNOWN_FLAG, 1, ReasonKind.OFF, 2),
                new MinuteCount(MINUTE, "checkout", 0, ReasonKind.FALLTHROUGH, 12));
        assertThat(stored("other")).isEmpty();
    }

    @Test
    void badInputIs400AndStoresNothing() {
        String bad = summary().replace("\"count\":12", "\"count\":-12");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", "/events/shop/prod", bad, false),
                null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("counts[0].count");
        assertThat(handler.handleRequest(event("POST", "/events/shop/prod", "x".repeat(
                EvaluationSummary.MAX_BYTES + 1), false), null).getStatusCode()).isEqualTo(400);
        assertThat(stored("shop")).isEmpty();
    }

    /** As a function URL delivers a gzipped body: base64-encoded, with the header in lower case. */
    private static APIGatewayV2HTTPEvent gzipped(byte[] body, String contentEncoding) {
        APIGatewayV2HTTPEvent event = event("POST", "/events/shop/prod", "", false);
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        event.setHeaders(Map.of("content-type", "application/json", "content-encoding", contentEncoding));
        return event;
    }

    @Test
    void storesAGzippedSummaryDeliveredInBase64() {
        byte[] sent = EvaluationSummary.gzipBody(summary().getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse response = handler.handleRequest(gzipped(sent, "gzip"), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getBody()).isEqualTo("{\"status\":202,\"counts\":2,\"unknownFlagCounts\":1}");
        assertThat(stored("shop")).containsExactly(
                new MinuteCount(MINUTE, EvaluationCount.UNKNOWN_FLAG, 1, ReasonKind.OFF, 2),
                new MinuteCount(MINUTE, "checkout", 0, ReasonKind.FALLTHROUGH, 12));
    }

    @Test
    void aGzipBombIs400AndStoresNothing() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 16];
            for (int i = 0; i < 1024; i++) { // 64 MiB inflated
                gzip.write(zeros);
            }
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(gzipped(bomb.toByteArray(), "gzip"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("inflates to more than " + EvaluationSummary.MAX_BYTES);
        assertThat(stored("shop")).isEmpty();
    }

    @Test
    void badGzipOrBase64Is400AndStoresNothing() {
        byte[] json = summary().getBytes(StandardCharsets.UTF_8);
        assertThat(handler.handleRequest(gzipped(json, "gzip"), null).getBody()).contains("not valid gzip");
        APIGatewayV2HTTPEvent notBase64 = gzipped(json, "gzip");
        notBase64.setBody("not base64!");
        APIGatewayV2HTTPResponse response = handler.handleRequest(notBase64, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("not valid base64");
        assertThat(stored("shop")).isEmpty();
    }

    @Test
    void anotherContentEncodingIs415WithAcceptEncodingGzip() {
        byte[] json = summary().getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse response = handler.handleRequest(gzipped(json, "br"), null);
        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders()).containsEntry("Accept-Encoding", "gzip");
        assertThat(response.getBody()).contains("Content-Encoding br is not supported");
        assertThat(stored("shop")).isEmpty();
    }

    @Test
    void onlyPostOnAnEnvironmentPath() {
        assertThat(handler.handleRequest(event("GET", "/events/shop/prod", summary(), false), null)
                .getStatusCode()).isEqualTo(405);
        for (String path : List.of("/sdk/v1/events", "/events/shop", "/events/Shop!/prod", "/events/shop/prod/x")) {
            assertThat(handler.handleRequest(event("POST", path, summary(), false), null).getStatusCode())
                    .as(path).isEqualTo(404);
        }
        assertThat(stored("shop")).isEmpty();
    }

    @Test
    void aFailingStoreIs503WithRetryAfterSoTheSdkKeepsItsCounts() {
        EventsIngestHandler failing = new EventsIngestHandler(new InsightsIngest(store, environment -> {
            throw new IllegalStateException("the current snapshot of shop/prod cannot be read");
        }, Clock.fixed(NOW, ZoneOffset.UTC)));
        APIGatewayV2HTTPResponse response = failing.handleRequest(event("POST", "/events/shop/prod", summary(), false),
                null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "30");
        assertThat(stored("shop")).isEmpty();
    }

    @Test
    void aBufferedSummaryIs202EvenWhileTheTableFailsAndIsWrittenByALaterFlush() {
        AtomicInteger failures = new AtomicInteger(1);
        InsightsStore table = new ForwardingInsightsStore(store) {
            @Override
            public void add(String project, String environment, Instant minute, Collection<EvaluationCount> counts) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("ProvisionedThroughputExceededException");
                }
                super.add(project, environment, minute, counts);
            }
        };
        SettableClock clock = new SettableClock(NOW);
        BufferedInsightsStore buffered = new BufferedInsightsStore(table,
                BufferedInsightsStore.Policy.flushAfter(Duration.ofSeconds(60)), clock);
        EventsIngestHandler lambda = new EventsIngestHandler(new InsightsIngest(buffered,
                environment -> Set.of("checkout"), clock));

        assertThat(lambda.handleRequest(event("POST", "/events/shop/prod", summary(), false), null)
                .getStatusCode()).isEqualTo(202);
        clock.advance(Duration.ofSeconds(60)); // due: this flush fails, the summary is still accepted
        assertThat(lambda.handleRequest(event("POST", "/events/shop/prod", summary(), false), null)
                .getStatusCode()).isEqualTo(202);
        assertThat(stored("shop")).isEmpty();
        clock.advance(Duration.ofSeconds(60)); // retried: the first two minutes are written, once
        assertThat(lambda.handleRequest(event("POST", "/events/shop/prod", summary(), false), null)
                .getStatusCode()).isEqualTo(202);
        assertThat(stored("shop")).extracting(MinuteCount::flag, MinuteCount::count).containsExactly(
                tuple(EvaluationCount.UNKNOWN_FLAG, 2L), tuple("checkout", 12L),
                tuple(EvaluationCount.UNKNOWN_FLAG, 2L), tuple("checkout", 12L));
    }

    @Test
    void aWriteThroughTableThatFailsIs503AndKeepsNothing() {
        InsightsStore failing = new ForwardingInsightsStore(store) {
            @Override
            public void add(String project, String environment, Instant minute, Collection<EvaluationCount> counts) {
                throw new IllegalStateException("ProvisionedThroughputExceededException");
            }
        };
        BufferedInsightsStore writeThrough = new BufferedInsightsStore(failing,
                BufferedInsightsStore.Policy.writeThrough(), Clock.fixed(NOW, ZoneOffset.UTC));
        EventsIngestHandler lambda = new EventsIngestHandler(new InsightsIngest(writeThrough,
                environment -> Set.of("checkout"), Clock.fixed(NOW, ZoneOffset.UTC)));
        APIGatewayV2HTTPResponse response = lambda.handleRequest(event("POST", "/events/shop/prod", summary(), false),
                null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "30");
        assertThat(writeThrough.bufferedEntries()).isZero();
        assertThat(stored("shop")).isEmpty();
    }
}
