package dev.vexil.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import dev.vexil.eval.ReasonKind;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 4 threads evaluate while 1,000 snapshots are swapped in through the same store method the poller uses. Every
 * observable of the probe flag (value, variation index, reason) encodes its snapshot's version, so a torn read would
 * show a mismatch with {@code snapshotVersion()}. (Swapping over HTTP as well would mostly measure how 4 spinning
 * threads starve the poller on a 2-core machine; the fetch path is covered by FetchingTest.)
 */
class ConcurrencyTest {
    private static final int SWAPS = 1_000;

    @TempDir
    Path dir;

    @Test
    void evaluationsNeverMixTwoSnapshots() throws Exception {
        Snapshot[] snapshots = new Snapshot[SWAPS + 1];
        for (int v = 1; v <= SWAPS; v++) {
            snapshots[v] = TestSnapshots.snapshot(v, TestSnapshots.probeFlag(v));
        }
        Path bootstrap = dir.resolve("v1.json");
        Files.write(bootstrap, SnapshotCodec.write(snapshots[1]));
        try (VexilClient client = VexilClient.builder(URI.create("http://127.0.0.1:9"), "k").offline(true)
                .bootstrap(bootstrap).build()) {
            assertThat(client.waitForInitialization(Duration.ZERO)).isTrue();

            List<String> mismatches = new CopyOnWriteArrayList<>();
            Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch running = new CountDownLatch(4);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Context ctx = Context.builder("user-" + t).build();
                threads.add(Thread.ofPlatform().name("evaluator-" + t).start(() -> {
                    running.countDown();
                    evaluateUntil(client, ctx, done, mismatches, versionsSeen);
                }));
            }
            running.await();
            for (int v = 2; v <= SWAPS; v++) {
                EnvironmentStore.Applied applied = client.store().applyFromEdge(snapshots[v], true, null);
                assertThat(applied.offer()).isEqualTo(EnvironmentStore.Offer.ACCEPTED);
                if (v % 50 == 0) {
                    // Let the evaluators see this version (however starved the machine), so the run is never vacuous.
                    long seen = v;
                    Eventually.await("an evaluator sees version " + seen, () -> versionsSeen.contains(seen));
                }
            }
            done.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(client.status().snapshotVersion()).isEqualTo(SWAPS);
            assertThat(mismatches).isEmpty();
            assertThat(versionsSeen.size()).as("distinct versions observed").isGreaterThanOrEqualTo(SWAPS / 50);
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
