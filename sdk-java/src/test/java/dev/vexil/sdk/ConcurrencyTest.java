package dev.vexil.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import dev.vexil.eval.ReasonKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 4 threads evaluate while the poller swaps in 1,000 snapshots fetched over HTTP. Every observable of the probe
 * flag (value, variation index, reason) encodes its snapshot's version, so a torn read would show a mismatch with
 * {@code snapshotVersion()}.
 */
class ConcurrencyTest {
    private static final int SWAPS = 1_000;

    @Test
    void evaluationsNeverMixTwoSnapshots() throws InterruptedException {
        byte[][] bodies = new byte[SWAPS + 1][];
        for (int v = 1; v <= SWAPS; v++) {
            bodies[v] = TestSnapshots.json(v, TestSnapshots.probeFlag(v));
        }
        AtomicInteger nextVersion = new AtomicInteger(1);
        AtomicBoolean evaluating = new AtomicBoolean(false);
        try (FakeEdge edge = new FakeEdge()) {
            edge.snapshotOverride((exchange, e) -> {
                // Serve version 1 until the evaluating threads run, then a new version on every poll.
                int v = evaluating.get() ? Math.min(nextVersion.getAndIncrement(), SWAPS) : 1;
                FakeEdge.gzip200(bodies[v], "\"v" + v + "\"").respond(exchange, e);
            });
            try (VexilClient client = TestClients.fast(edge).pollInterval(Duration.ofMillis(1)).build()) {
                assertThat(client.waitForInitialization(Duration.ofSeconds(10))).isTrue();

                List<String> mismatches = new CopyOnWriteArrayList<>();
                Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
                List<Thread> threads = new ArrayList<>();
                AtomicBoolean done = new AtomicBoolean();
                for (int t = 0; t < 4; t++) {
                    Context ctx = Context.builder("user-" + t).build();
                    threads.add(Thread.ofPlatform().name("evaluator-" + t).start(() ->
                            evaluateUntil(client, ctx, done, mismatches, versionsSeen)));
                }
                evaluating.set(true);
                Eventually.await(Duration.ofSeconds(60), "1,000 swaps",
                        () -> client.status().snapshotVersion() == SWAPS);
                done.set(true);
                for (Thread t : threads) {
                    t.join();
                }
                assertThat(mismatches).isEmpty();
                assertThat(versionsSeen.size()).as("distinct versions observed").isGreaterThan(20);
                assertThat(edge.maxInFlight()).isEqualTo(1);
            }
        }
    }

    private static void evaluateUntil(VexilClient client, Context ctx, AtomicBoolean done, List<String> mismatches,
                                      Set<Long> versionsSeen) {
        long lastVersion = 0;
        while (!done.get() && mismatches.size() < 10) {
            EvaluationDetail<String> d = client.stringVariationDetail("probe", ctx, "default");
            long v = d.snapshotVersion();
            ReasonKind expectedReason = v % 2 == 0 ? ReasonKind.FALLTHROUGH : ReasonKind.OFF;
            if (!d.value().equals("v" + v) || d.variationIndex() != v % 3 || d.reason().kind() != expectedReason) {
                mismatches.add("version " + v + " gave " + d);
            }
            if (v < lastVersion) {
                mismatches.add("went back from " + lastVersion + " to " + v);
            }
            lastVersion = v;
            versionsSeen.add(v);
            String plain = client.stringVariation("probe", ctx, "default");
            long plainVersion = Long.parseLong(plain.substring(1));
            if (plainVersion < lastVersion) {
                mismatches.add("plain value went back from " + lastVersion + " to " + plainVersion);
            }
            lastVersion = plainVersion;
        }
    }
}
