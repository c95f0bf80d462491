package dev.vexil.core.publish;

import dev.vexil.wire.ObjectEncoding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SnapshotPublisher} must have (docs/snapshot-delivery.md). Subclasses give two
 * publishers over one fresh store; each test uses its own project key, so tests never see each other's objects.
 */
public abstract class SnapshotPublisherContract {
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    /** A publisher over the store under test. */
    protected abstract SnapshotPublisher publisher();

    /** A second, independent publisher instance over the same store (a racing compiler). */
    protected abstract SnapshotPublisher secondPublisher();

    private final String project = "p" + PROJECTS.incrementAndGet();
    private final String env = "production";

    @Test
    void publishStoresTheCurrentAndTheVersionObjectAsVerifiableGzip() throws Exception {
        Snapshot snapshot = TestSnapshots.sealed(project, env, 7);

        assertThat(publisher().publish(snapshot)).isEqualTo(PublishOutcome.PUBLISHED);

        StoredObject current = publisher().read(SnapshotLayout.current(project, env)).orElseThrow();
        Snapshot served = SnapshotCodec.read(ObjectEncoding.gunzip(current.body()));
        assertThat(served.version()).isEqualTo(7);
        assertThat(served.contentHash()).isEqualTo(snapshot.contentHash());
        StoredObject version = publisher().read(SnapshotLayout.version(project, env, 7)).orElseThrow();
        assertThat(version.body()).isEqualTo(current.body());
        assertThat(publisher().currentVersion(project, env)).hasValue(7);
    }

    @Test
    void theCurrentEtagIsTheServedOneAndOnlyForTheVersionAsked() {
        publisher().publish(TestSnapshots.sealed(project, env, 5));
        StoredObject current = publisher().read(SnapshotLayout.current(project, env)).orElseThrow();

        assertThat(publisher().currentEtag(project, env, 5)).hasValue(current.etag());
        assertThat(publisher().currentEtag(project, env, 4)).isEmpty();
        assertThat(publisher().currentEtag(project + "-none", env, 5)).isEmpty();
    }

    @Test
    void aDeltaIsStoredOnceAsImmutableGzip() throws Exception {
        byte[] first = "{\"deltaFormat\":1}".getBytes(StandardCharsets.UTF_8);
        publisher().writeDelta(project, env, 3, 5, first);
        secondPublisher().writeDelta(project, env, 3, 5, "{\"other\":true}".getBytes(StandardCharsets.UTF_8));

        StoredObject delta = publisher().read(SnapshotLayout.delta(project, env, 3, 5)).orElseThrow();
        assertThat(ObjectEncoding.gunzip(delta.body())).isEqualTo(first);
        assertThat(delta.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(delta.contentEncoding()).isEqualTo("gzip");
    }

    @Test
    void objectsCarryTheHeadersTheEdgeServes() {
        publisher().publish(TestSnapshots.sealed(project, env, 3));
        publisher().writeKillList(project, env, "{\"flags\":[\"checkout\"]}".getBytes(StandardCharsets.UTF_8));

        StoredObject current = publisher().read(SnapshotLayout.current(project, env)).orElseThrow();
        StoredObject version = publisher().read(SnapshotLayout.version(project, env, 3)).orElseThrow();
        StoredObject killList = publisher().read(SnapshotLayout.killList(project, env)).orElseThrow();
        for (StoredObject object : List.of(current, version, killList)) {
            assertThat(object.contentType()).isEqualTo("application/json");
            assertThat(object.contentEncoding()).isEqualTo("gzip");
            assertThat(ObjectEncoding.isGzip(object.body())).isTrue();
            assertThat(object.etag()).matches("\"[0-9a-f]{16,}\"");
        }
        assertThat(current.cacheControl()).isEqualTo("public, max-age=5, must-revalidate");
        assertThat(killList.cacheControl()).isEqualTo("public, max-age=5, must-revalidate");
        assertThat(version.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    }

    @Test
    void republishingTheCurrentVersionWritesNothingAndKeepsTheEtag() {
        publisher().publish(TestSnapshots.sealed(project, env, 4));
        StoredObject before = publisher().read(SnapshotLayout.current(project, env)).orElseThrow();

        // A replayed compile of the same state: same version, built at another time.
        Snapshot again = TestSnapshots.sealed(project, env, 4, Instant.parse("2027-06-01T12:00:00Z"));
        assertThat(publisher().publish(again)).isEqualTo(PublishOutcome.UNCHANGED);
        assertThat(secondPublisher().publish(again)).isEqualTo(PublishOutcome.UNCHANGED);

        StoredObject after = publisher().read(SnapshotLayout.current(project, env)).orElseThrow();
        assertThat(after.etag()).isEqualTo(before.etag());
        assertThat(after.body()).isEqualTo(before.body());
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() throws Exception {
        publisher().publish(TestSnapshots.sealed(project, env, 9));
        StoredObject before = publisher().read(SnapshotLayout.current(project, env)).orElseThrow();

        assertThat(secondPublisher().publish(TestSnapshots.sealed(project, env, 8))).isEqualTo(PublishOutcome.SUPERSEDED);

        StoredObject after = publisher().read(SnapshotLayout.current(project, env)).orElseThrow();
        assertThat(after.etag()).isEqualTo(before.etag());
        assertThat(SnapshotCodec.read(ObjectEncoding.gunzip(after.body())).version()).isEqualTo(9);
        assertThat(publisher().currentVersion(project, env)).hasValue(9);
    }

    @Test
    void aNewerVersionReplacesTheCurrentAndKeepsTheOlderInHistory() throws Exception {
        publisher().publish(TestSnapshots.sealed(project, env, 1));
        assertThat(secondPublisher().publish(TestSnapshots.sealed(project, env, 2))).isEqualTo(PublishOutcome.PUBLISHED);

        assertThat(SnapshotCodec.read(ObjectEncoding.gunzip(
                publisher().read(SnapshotLayout.current(project, env)).orElseThrow().body())).version()).isEqualTo(2);
        assertThat(SnapshotCodec.read(ObjectEncoding.gunzip(
                publisher().read(SnapshotLayout.version(project, env, 1)).orElseThrow().body())).version()).isEqualTo(1);
    }

    @Test
    void anEnvironmentWithNothingPublishedHasNoObjects() {
        assertThat(publisher().currentVersion(project, env)).isEmpty();
        assertThat(publisher().read(SnapshotLayout.current(project, env))).isEmpty();
        assertThat(publisher().read(SnapshotLayout.killList(project, env))).isEmpty();
    }

    @Test
    void racingPublishersAlwaysLeaveTheHighestVersionCurrent() throws Exception {
        Random random = new Random(20261201L);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> backwardsReads = new CopyOnWriteArrayList<>();
        Future<?> observer = threads.submit(() -> observeMonotonic(running, backwardsReads));
        try {
            int perRound = 3;
            for (int round = 0; round < 100; round++) {
                List<Long> first = new ArrayList<>();
                List<Long> second = new ArrayList<>();
                for (long v = round * perRound + 1L; v <= (round + 1L) * perRound; v++) {
                    (random.nextBoolean() ? first : second).add(v);
                }
                Collections.shuffle(first, random);
                Collections.shuffle(second, random);
                CountDownLatch start = new CountDownLatch(1);
                Future<?> a = threads.submit(() -> publishAll(publisher(), first, start));
                Future<?> b = threads.submit(() -> publishAll(secondPublisher(), second, start));
                start.countDown();
                a.get(30, TimeUnit.SECONDS);
                b.get(30, TimeUnit.SECONDS);

                long highest = (round + 1L) * perRound;
                Snapshot current = SnapshotCodec.read(ObjectEncoding.gunzip(
                        publisher().read(SnapshotLayout.current(project, env)).orElseThrow().body()));
                assertThat(current.version()).as("round %d", round).isEqualTo(highest);
                assertThat(current.contentHash()).isEqualTo(TestSnapshots.sealed(project, env, highest).contentHash());
            }
        } finally {
            running.set(false);
            observer.get(30, TimeUnit.SECONDS);
            threads.shutdownNow();
        }
        assertThat(backwardsReads).as("a reader saw current.json go backwards").isEmpty();
    }

    @Test
    void killListIsWrittenReadAndDeleted() throws Exception {
        byte[] json = "{\"flags\":[\"checkout\",\"search\"],\"reason\":\"incident 42\"}".getBytes(StandardCharsets.UTF_8);

        publisher().writeKillList(project, env, json);
        StoredObject stored = publisher().read(SnapshotLayout.killList(project, env)).orElseThrow();
        assertThat(ObjectEncoding.gunzip(stored.body())).isEqualTo(json);

        publisher().deleteKillList(project, env);
        assertThat(publisher().read(SnapshotLayout.killList(project, env))).isEmpty();
        publisher().deleteKillList(project, env); // deleting nothing is fine
    }

    @Test
    void aMalformedKillListIsRefusedAndTheStoredOneStays() throws Exception {
        byte[] good = "{\"flags\":[\"checkout\"]}".getBytes(StandardCharsets.UTF_8);
        publisher().writeKillList(project, env, good);

        for (String bad : List.of("{\"flags\":\"checkout\"}", "[\"checkout\"]", "{\"flags\":[1]}", "{flags:", "{}")) {
            assertThatThrownBy(() -> publisher().writeKillList(project, env, bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ObjectEncoding.gunzip(publisher().read(SnapshotLayout.killList(project, env)).orElseThrow().body()))
                .isEqualTo(good);
    }

    /** Leaves the two cores to the publishers most of the time; a reader a few times per round is enough. */
    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishAll(SnapshotPublisher publisher, List<Long> versions, CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (long v : versions) {
            publisher.publish(TestSnapshots.sealed(project, env, v));
        }
    }

    /** Reads current.json in a loop while the race runs; records any read older than an earlier one. */
    private void observeMonotonic(AtomicBoolean running, List<String> backwardsReads) {
        long highestSeen = -1;
        while (running.get()) {
            pause();
            var current = publisher().read(SnapshotLayout.current(project, env));
            if (current.isEmpty()) {
                continue;
            }
            try {
                long version = SnapshotCodec.read(ObjectEncoding.gunzip(current.get().body())).version();
                if (version < highestSeen) {
                    backwardsReads.add(highestSeen + " then " + version);
                }
                highestSeen = Math.max(highestSeen, version);
            } catch (Exception e) {
                backwardsReads.add("unreadable current.json: " + e);
            }
        }
    }
}
