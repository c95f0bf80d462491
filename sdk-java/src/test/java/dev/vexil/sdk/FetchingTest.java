package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll loop against a real HTTP server that misbehaves on cue. */
class FetchingTest {
    private static final Context USER = Context.builder("user-1").build();

    private final FakeEdge edge = new FakeEdge();
    private VexilClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        edge.close();
    }

    @Test
    void fetchesSendsTheContractHeadersAndRevalidatesWithTheEtag() {
        byte[] v1 = json(1, boolFlag("checkout", true));
        edge.snapshot(v1);
        client = TestClients.fast(edge).build();

        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        Eventually.await("a few revalidations", () -> edge.requests(FakeEdge.SNAPSHOT).size() >= 4);

        List<FakeEdge.Request> polls = edge.requests(FakeEdge.SNAPSHOT);
        FakeEdge.Request first = polls.get(0);
        assertThat(first.authorization()).isEqualTo(TestClients.KEY);
        assertThat(first.acceptEncoding()).isEqualTo("gzip");
        assertThat(first.userAgent()).startsWith("vexil-java/").doesNotContain("unknown");
        assertThat(first.ifNoneMatch()).isNull();
        assertThat(polls.subList(1, polls.size())).allSatisfy(r ->
                assertThat(r.ifNoneMatch()).isEqualTo(FakeEdge.etagOf(v1)));
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.status().consecutiveFailures()).isZero();
        assertThat(client.status().source()).isEqualTo(DataSource.EDGE);
    }

    @Test
    void a304RefreshesTheDataAgeAndKeepsTheSnapshot() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));
        var firstConfirmation = client.status().lastConfirmedAt();

        int before = edge.requests(FakeEdge.SNAPSHOT).size();
        Eventually.await("more 304s", () -> edge.requests(FakeEdge.SNAPSHOT).size() >= before + 3);

        assertThat(client.status().lastConfirmedAt()).isAfter(firstConfirmation);
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void picksUpANewSnapshotAndRefusesAnOlderOne() {
        edge.snapshot(json(5, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        edge.snapshot(json(6, boolFlag("checkout", false)));
        Eventually.await("version 6", () -> client.status().snapshotVersion() == 6);
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();

        edge.snapshot(json(3, boolFlag("checkout", true)));
        Eventually.await("the older snapshot refused", () -> String.valueOf(client.status().lastError())
                .contains("older than the served version 6"));
        assertThat(client.status().snapshotVersion()).isEqualTo(6);
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
    }

    @Test
    void a500BurstBacksOffThenRecovers() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        edge.snapshotOverride(FakeEdge.status(500));
        Eventually.await("three failures", () -> client.status().consecutiveFailures() >= 3);
        assertThat(client.status().lastError()).contains("HTTP 500");
        assertThat(client.boolVariation("checkout", USER, false)).as("last good snapshot kept").isTrue();

        edge.snapshot(json(2, boolFlag("checkout", false))).clearSnapshotOverride();
        // The swap comes before the cycle ends (the kill list is fetched after it): wait for the whole good cycle.
        Eventually.await("recovery", () -> client.status().snapshotVersion() == 2
                && client.status().consecutiveFailures() == 0);
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
    }

    @Test
    void backoffGrowsWithFullJitter() {
        edge.snapshotOverride(FakeEdge.status(502));
        client = TestClients.fast(edge).backoff(Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofMillis(1))
                .build();

        Eventually.await(Duration.ofSeconds(60), "ten failed polls", () ->
                edge.requests(FakeEdge.SNAPSHOT).size() >= 10);
        List<FakeEdge.Request> polls = edge.requests(FakeEdge.SNAPSHOT);
        long[] gaps = new long[9];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = polls.get(i + 1).nanos() - polls.get(i).nanos();
        }
        // Ceilings grow 10, 20, 40, ... 2560 ms. The late gaps are compared with twice the early *ceilings* (not the
        // measured early gaps, which a starved machine can stretch): a backoff that did not grow stays below that
        // on an idle machine, and a growing one falls below it by chance about once in 5,000 runs.
        long earlyCeilings = Duration.ofMillis(10 + 20 + 40).toNanos();
        long late = gaps[6] + gaps[7] + gaps[8];
        assertThat(late).as("late gaps %s vs early ceilings", java.util.Arrays.toString(gaps))
                .isGreaterThan(2 * earlyCeilings);
        assertThat(java.util.Arrays.stream(gaps).distinct().count()).as("jitter").isGreaterThan(1);
        // The kill list is not fetched while the edge fails.
        assertThat(edge.requests(FakeEdge.KILL_LIST)).isEmpty();
        assertThat(client.status().initialized()).isFalse();
        assertThat(client.status().consecutiveFailures()).isGreaterThanOrEqualTo(8);
        assertThat(edge.maxInFlight()).as("requests in flight at once: %s", edge.overlaps()).isEqualTo(1);
    }

    @Test
    void pollIntervalCarriesJitter() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        Eventually.await("ten polls", () -> edge.requests(FakeEdge.SNAPSHOT).size() >= 10);
        List<FakeEdge.Request> polls = edge.requests(FakeEdge.SNAPSHOT);
        long[] gaps = new long[9];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = polls.get(i + 1).nanos() - polls.get(i).nanos();
        }
        assertThat(java.util.Arrays.stream(gaps).min().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(44).toNanos());
        assertThat(java.util.Arrays.stream(gaps).distinct().count()).isGreaterThan(1);
    }

    @Test
    void aHangingResponseTimesOutAndNeverOverlapsTheNextRequest() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        edge.scriptSnapshot(FakeEdge.hang(30_000), FakeEdge.hang(30_000));
        // The edge notices an abandoned hanging request only when its next write fails, which a starved machine can
        // delay by a second or more: a backoff floor of 2 s lets it leave before the next request comes, so the
        // in-flight count still proves that the client never overlaps two requests.
        long builtAt = System.nanoTime();
        client = TestClients.fast(edge).requestTimeout(Duration.ofMillis(300))
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(2)).build();

        assertThat(client.waitForInitialization(Duration.ofSeconds(60))).as("served after two timeouts").isTrue();
        Eventually.await(Duration.ofSeconds(30), "a few more polls", () ->
                edge.requests(FakeEdge.SNAPSHOT).size() >= 4);

        // Measured from before build(), which precedes the client's first send (the edge may see a request late,
        // so gaps between arrivals at the edge prove nothing): each retry waits for the timeout plus the floor.
        List<FakeEdge.Request> polls = edge.requests(FakeEdge.SNAPSHOT);
        long perAttempt = Duration.ofMillis(300 + 2000).toNanos();
        assertThat(polls.get(1).nanos() - builtAt).as("the second request waits for the first one's timeout")
                .isGreaterThanOrEqualTo(perAttempt);
        assertThat(polls.get(2).nanos() - builtAt).as("the third request waits for both timeouts")
                .isGreaterThanOrEqualTo(2 * perAttempt);
        assertThat(edge.maxInFlight()).as("requests in flight at once: %s", edge.overlaps()).isEqualTo(1);
        assertThat(client.status().lastError()).contains("timed out");
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void everyTimedOutRequestReleasesItsConnectionBeforeTheNextOne() {
        // Ten hanging answers in a row. Cancelling a JDK HttpClient exchange alone left about one socket in 40-150
        // open for seconds (a real leak against a hanging edge); the edge would then count two requests in flight.
        edge.snapshot(json(1, boolFlag("checkout", true)));
        FakeEdge.Responder[] hangs = new FakeEdge.Responder[10];
        java.util.Arrays.fill(hangs, FakeEdge.hang(30_000));
        edge.scriptSnapshot(hangs);
        client = TestClients.fast(edge).requestTimeout(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(500), Duration.ofMillis(700), Duration.ofMillis(500)).build();

        assertThat(client.waitForInitialization(Duration.ofSeconds(90))).as("served after ten timeouts").isTrue();
        assertThat(edge.requests(FakeEdge.SNAPSHOT)).hasSizeGreaterThanOrEqualTo(11);
        assertThat(edge.maxInFlight()).as("requests in flight at once: %s", edge.overlaps()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void aTruncatedGzipBodyIsRefused() {
        byte[] v1 = json(1, boolFlag("checkout", true));
        edge.snapshot(v1);
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        edge.snapshotOverride(FakeEdge.truncatedGzip(json(2, boolFlag("checkout", false))));
        Eventually.await("the truncated body refused", () -> client.status().consecutiveFailures() >= 2);

        assertThat(client.status().lastError()).contains("truncated gzip");
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void aWrongHashIsRefused() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        String tampered = new String(json(2, boolFlag("checkout", true)), StandardCharsets.UTF_8)
                .replace("\"variation\":0", "\"variation\":1");
        assertThat(tampered).contains("\"variation\":1");
        edge.snapshot(tampered.getBytes(StandardCharsets.UTF_8));
        Eventually.await("the tampered snapshot refused", () -> client.status().consecutiveFailures() >= 2);

        assertThat(client.status().lastError()).contains("refused a corrupt snapshot");
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void invalidJsonAndAnUnknownSchemaVersionAreRefused() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        edge.snapshot("{\"schemaVersion\":1,\"flags\":[".getBytes(StandardCharsets.UTF_8));
        Eventually.await("invalid JSON refused", () -> client.status().consecutiveFailures() >= 2);
        assertThat(client.status().snapshotVersion()).isEqualTo(1);

        Snapshot future = TestSnapshots.snapshot(2, boolFlag("checkout", false));
        Snapshot v99 = SnapshotCodec.seal(new Snapshot(99, future.project(), future.environment(), 2,
                future.generatedAt(), future.flags(), future.segments(), null));
        edge.snapshot(SnapshotCodec.write(v99));
        int failures = client.status().consecutiveFailures();
        Eventually.await("schema 99 refused", () -> client.status().consecutiveFailures() >= failures + 2);
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void a403AfterAWhileIsRetriedOnlyAtTheSlowKeyRefusedCadence() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).keyRefusedRetry(Duration.ofHours(1)).build();
        client.waitForInitialization(Duration.ofSeconds(30));
        Eventually.await("a few polls", () -> edge.requests(FakeEdge.SNAPSHOT).size() >= 3);

        edge.requireKey("sdk-some-other-key");
        Eventually.await("the key refused", () -> client.status().keyRefused());
        int requestsWhenRefused = edge.requests().size();
        Eventually.sleep(500); // ten poll intervals, far less than the hour before the next try

        assertThat(edge.requests()).as("no request before the key-refused interval").hasSize(requestsWhenRefused);
        ClientStatus status = client.status();
        assertThat(status.lastError()).isEqualTo("SDK key refused (403): it may be revoked");
        assertThat(status.polling()).as("still polling, slowly").isTrue();
        assertThat(client.boolVariation("checkout", USER, false)).as("keeps serving what it has").isTrue();
    }

    @Test
    void a401IsRetriedSlowlyToo() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).keyRefusedRetry(Duration.ofHours(1)).build();
        client.waitForInitialization(Duration.ofSeconds(30));
        edge.snapshotOverride(FakeEdge.status(401));
        Eventually.await("the key refused", () -> client.status().keyRefused());
        int requestsWhenRefused = edge.requests().size();
        Eventually.sleep(400);
        assertThat(edge.requests()).hasSize(requestsWhenRefused);
        assertThat(client.status().lastError()).startsWith("SDK key refused (401)");
    }

    @Test
    void aRefusedKeyRecoversByItselfWhenTheEdgeAcceptsItAgain() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).keyRefusedRetry(Duration.ofMillis(50)).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        edge.requireKey("sdk-some-other-key");
        Eventually.await("the key refused", () -> client.status().keyRefused());
        int refusedAt = edge.requests(FakeEdge.SNAPSHOT).size();
        Eventually.await("retried while refused", () -> edge.requests(FakeEdge.SNAPSHOT).size() >= refusedAt + 2);
        assertThat(client.status().keyRefused()).isTrue();
        assertThat(edge.requests(FakeEdge.KILL_LIST).stream().filter(r -> r.nanos()
                > edge.requests(FakeEdge.SNAPSHOT).get(refusedAt - 1).nanos()))
                .as("a refused cycle does not go on to the kill list").isEmpty();

        edge.requireKey(null).snapshot(json(2, boolFlag("checkout", false)));
        Eventually.await("recovered", () -> !client.status().keyRefused() && client.status().snapshotVersion() == 2
                && client.status().consecutiveFailures() == 0);
        assertThat(client.status().polling()).isTrue();
        assertThat(client.status().consecutiveFailures()).isZero();
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
        assertThat(edge.maxInFlight()).isEqualTo(1);
    }

    @Test
    void aKeyRefusedAtStartEndsTheWaitButNotThePolling() {
        edge.snapshot(json(1, boolFlag("checkout", true))).requireKey("sdk-some-other-key");
        client = TestClients.fast(edge).keyRefusedRetry(Duration.ofMillis(50)).build();

        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).as("no point waiting").isFalse();
        assertThat(client.status().keyRefused()).isTrue();

        edge.requireKey(null);
        // The swap comes before the end of the cycle that clears keyRefused: wait for both.
        Eventually.await("initialized by a later retry", () -> client.status().initialized()
                && !client.status().keyRefused());
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void a429RetryAfterInSecondsIsHonoured() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        long gap = gapAfterScriptedResponse(FakeEdge.status(429, "Retry-After", "1"));

        assertThat(gap).as("gap after 429").isGreaterThanOrEqualTo(Duration.ofMillis(1000).toNanos());
        assertThat(client.status().lastError()).contains("throttled (429)");
        assertThat(edge.maxInFlight()).as("requests in flight at once: %s", edge.overlaps()).isEqualTo(1);
    }

    @Test
    void a503RetryAfterAsAnHttpDateIsHonoured() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        client.waitForInitialization(Duration.ofSeconds(30));

        // The date is taken when the edge answers (not when the test scripts it), so a late request still gets
        // a date about 2 s ahead.
        long gap = gapAfterScriptedResponse((exchange, e) -> FakeEdge.status(503, "Retry-After",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)))
                .respond(exchange, e));

        // The date has one-second resolution, so the wait is between 1 and 2 s.
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
        assertThat(client.status().lastError()).contains("throttled (503)");
    }

    /** Answers the next snapshot request with {@code responder}; returns the time until the next request. */
    private long gapAfterScriptedResponse(FakeEdge.Responder responder) {
        AtomicLong answeredAt = new AtomicLong();
        edge.scriptSnapshot((exchange, e) -> {
            // Taken before answering: the client cannot see the answer earlier, so the gap is a sound lower bound.
            answeredAt.set(System.nanoTime());
            responder.respond(exchange, e);
        });
        Eventually.await("the request after the scripted one", () -> answeredAt.get() != 0
                && edge.requests().stream().anyMatch(r -> r.nanos() > answeredAt.get()));
        long next = edge.requests().stream().mapToLong(FakeEdge.Request::nanos)
                .filter(n -> n > answeredAt.get()).min().orElseThrow();
        return next - answeredAt.get();
    }

    @Test
    void a404KeepsPollingAtTheNormalIntervalUntilASnapshotAppears() {
        client = TestClients.fast(edge).build();
        Eventually.await("several 404s", () -> edge.requests(FakeEdge.SNAPSHOT).size() >= 4);
        assertThat(client.status().initialized()).isFalse();
        assertThat(client.status().lastError()).contains("404");
        assertThat(client.boolVariationDetail("checkout", USER, false).errorKind()).isEqualTo(ErrorKind.NOT_READY);

        edge.snapshot(json(1, boolFlag("checkout", true)));
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }
}
