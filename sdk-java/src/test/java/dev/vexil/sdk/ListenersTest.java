package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** onChange and onSnapshot: off the poller thread, only for changed flags, immune to throwing listeners. */
class ListenersTest {
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
    void onChangeFiresOnlyForTheFlagsThatChanged() throws InterruptedException {
        edge.snapshot(json(1, boolFlag("a", true), boolFlag("b", true)));
        client = TestClients.settled(TestClients.fast(edge).build());
        List<FlagChangeEvent> a = new CopyOnWriteArrayList<>();
        List<FlagChangeEvent> b = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        client.onChange("a", e -> {
            threads.add(Thread.currentThread().getName());
            a.add(e);
        });
        client.onChange("b", b::add);

        edge.snapshot(json(2, boolFlag("a", false), boolFlag("b", true)));
        Eventually.await("a changed", () -> a.size() == 1);
        edge.snapshot(json(3, boolFlag("a", false), boolFlag("b", true), boolFlag("c", true)));
        Eventually.await("version 3", () -> client.status().snapshotVersion() == 3);
        client.awaitListenersIdle(Duration.ofSeconds(30)); // every event of version 3 delivered

        assertThat(a).containsExactly(new FlagChangeEvent("a", 1, 2));
        assertThat(b).isEmpty();
        assertThat(threads).containsExactly("vexil-listeners");
    }

    @Test
    void onSnapshotReportsEachSwapWithTheChangedFlags() {
        List<SnapshotEvent> events = new CopyOnWriteArrayList<>();
        edge.snapshot(json(1, boolFlag("a", true), boolFlag("b", true)));
        client = TestClients.fast(edge).build();
        client.onSnapshot(events::add);
        client.waitForInitialization(Duration.ofSeconds(30));
        Eventually.await("first event", () -> events.size() == 1);
        edge.snapshot(json(2, boolFlag("a", true), boolFlag("b", false)));
        Eventually.await("second event", () -> events.size() == 2);

        assertThat(events.get(0)).isEqualTo(new SnapshotEvent(-1, 1, DataSource.EDGE, java.util.Set.of("a", "b")));
        assertThat(events.get(1)).isEqualTo(new SnapshotEvent(1, 2, DataSource.EDGE, java.util.Set.of("b")));
    }

    @Test
    void aThrowingListenerIsLoggedAndHurtsNobody() {
        edge.snapshot(json(1, boolFlag("a", true)));
        client = TestClients.settled(TestClients.fast(edge).build());
        List<Long> seen = new CopyOnWriteArrayList<>();
        client.onSnapshot(e -> {
            throw new IllegalStateException("listener bug");
        });
        client.onChange("a", e -> {
            throw new IllegalStateException("listener bug");
        });
        client.onSnapshot(e -> seen.add(e.version()));

        edge.snapshot(json(2, boolFlag("a", false)));
        Eventually.await("version 2 seen", () -> seen.contains(2L));
        edge.snapshot(json(3, boolFlag("a", true)));
        Eventually.await("version 3 seen", () -> seen.contains(3L));
        assertThat(client.status().consecutiveFailures()).isZero();
        assertThat(client.status().polling()).isTrue();
    }

    @Test
    void aCancelledSubscriptionHearsNothing() {
        edge.snapshot(json(1, boolFlag("a", true)));
        client = TestClients.settled(TestClients.fast(edge).build());
        List<SnapshotEvent> cancelled = new CopyOnWriteArrayList<>();
        List<SnapshotEvent> kept = new CopyOnWriteArrayList<>();
        client.onSnapshot(cancelled::add).cancel();
        client.onSnapshot(kept::add);
        edge.snapshot(json(2, boolFlag("a", false)));
        Eventually.await("kept listener told", () -> kept.size() == 1);
        assertThat(cancelled).isEmpty();
    }
}
