package dev.vexil.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.eval.Context;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotDelta;
import dev.vexil.wire.ChangeNotification;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Push (docs/push.md) against a real HTTP edge and a real WebSocket channel in the test JVM: notifications make the
 * client fetch at once, by delta when it can, always verified; the faults the issue lists.
 */
class PushTest {
    private static final KeyPair COMPILER = SigningKeys.generate();
    private static final Context ANYONE = Context.builder("anyone").build();
    private static final Duration NEVER_POLL = Duration.ofHours(1);

    private final FakeEdge edge = new FakeEdge();
    private FakePushChannel push;
    private VexilClient client;
    /** What the edge serves first, byte for byte (a new signature differs every time). */
    private byte[] v1;

    @BeforeEach
    void start() throws Exception {
        push = new FakePushChannel().start();
        v1 = version(1, false);
        edge.snapshot(v1);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        push.close();
        edge.close();
    }

    /** Version {@code v}, signed as the compiler publishes it; flag {@code f} serves {@code value}. */
    private static byte[] version(long v, boolean value) {
        return TestSnapshots.signed(TestSnapshots.json(v, TestSnapshots.boolFlag("f", value),
                TestSnapshots.boolFlag("g", true)), COMPILER);
    }

    private static ChangeNotification notification(byte[] json) throws Exception {
        var tree = SnapshotCodec.readVerifiedTree(json);
        return new ChangeNotification(tree.get("version").asLong(), tree.get("contentHash").asText(),
                FakeEdge.etagOf(json));
    }

    private static byte[] delta(byte[] from, byte[] to) throws Exception {
        return SnapshotDelta.write(SnapshotDelta.between(SnapshotCodec.readVerifiedTree(from),
                SnapshotCodec.readVerifiedTree(to)));
    }

    private VexilClient connected(Duration pollInterval) {
        client = TestClients.fast(edge).pollInterval(pollInterval).metrics(false)
                .trustedKey(SigningKeys.toPem(COMPILER.getPublic()))
                .realtimeUrl(push.url()).pushReconnect(Duration.ofMillis(50), Duration.ofMillis(200)).build();
        TestClients.settled(client);
        Eventually.await("push subscribed", () -> client.status().pushConnected());
        // Two cycles: the first, and the one every (re)connect starts; the tests count requests after them.
        Eventually.await("the cycle after connecting", () -> edge.requests(FakeEdge.KILL_LIST).size() >= 2);
        return client;
    }

    private boolean flag() {
        return client.boolVariation("f", ANYONE, true);
    }

    @Test
    void aNotificationIsFetchedAtOnceAsAVerifiedDeltaWithoutWaitingForAPoll() throws Exception {
        connected(NEVER_POLL);
        assertThat(push.lastChannel()).isEqualTo(PushChannels.of(new EnvironmentId("shop", "prod")));
        byte[] v2 = version(2, true);
        edge.snapshot(v2).object("/sdk/v1/deltas/1/2", delta(v1, v2));
        int currentFetches = edge.requests(FakeEdge.SNAPSHOT).size();

        push.notifyAll(notification(v2));

        Eventually.await("version 2 served", () -> client.status().snapshotVersion() == 2);
        assertThat(flag()).isTrue();
        assertThat(client.deltaCounts()).containsExactly(1, 0);
        assertThat(edge.requests("/sdk/v1/snapshots/2")).isEmpty();
        assertThat(edge.requests(FakeEdge.SNAPSHOT)).hasSize(currentFetches);
    }

    @Test
    void aDeltaWhoseResultDoesNotHashToTheNotifiedVersionFallsBackToTheWholeVersion() throws Exception {
        connected(NEVER_POLL);
        byte[] v2 = version(2, true);
        ObjectNode lying = SnapshotDelta.between(SnapshotCodec.readVerifiedTree(v1),
                SnapshotCodec.readVerifiedTree(v2));
        ((ObjectNode) lying.get("flags").get(0)).put("offVariation", 0); // content that is not version 2's
        edge.object("/sdk/v1/deltas/1/2", SnapshotDelta.write(lying)).object("/sdk/v1/snapshots/2", v2);

        push.notifyAll(notification(v2));

        Eventually.await("version 2 served", () -> client.status().snapshotVersion() == 2);
        assertThat(client.deltaCounts()).containsExactly(0, 1);
        assertThat(edge.requests("/sdk/v1/snapshots/2")).hasSize(1);
        assertThat(client.store().current().snapshot.flags().get(0).offVariation()).isEqualTo(1);
        assertThat(client.status().lastError()).isNull();
    }

    @Test
    void aNotificationForAVersionAlreadyHeldDoesNothing() throws Exception {
        connected(NEVER_POLL);
        byte[] v2 = version(2, true);
        edge.object("/sdk/v1/snapshots/2", v2);
        int requestsBefore = edge.requests().size();

        push.notifyAll(notification(v1)); // stale: the version the client holds
        push.notifyAll(notification(v2)); // the same connection delivers in order: this one comes after

        Eventually.await("version 2 served", () -> client.status().snapshotVersion() == 2);
        assertThat(client.ignoredNotifications()).isEqualTo(1);
        // Only the fetch of version 2 (delta, then the version object, then the kill list) followed.
        assertThat(edge.requests().subList(requestsBefore, edge.requests().size()))
                .extracting(FakeEdge.Request::path)
                .containsExactly("/sdk/v1/deltas/1/2", "/sdk/v1/snapshots/2", FakeEdge.KILL_LIST);
    }

    @Test
    void aNotificationBeforeTheObjectIsReadableIsRetriedWithBackoffThenLeftToPolling() throws Exception {
        connected(Duration.ofSeconds(2));
        byte[] v2 = version(2, true);

        push.notifyAll(notification(v2)); // the edge has nothing of version 2 yet

        Eventually.await("the retries are spent", () -> edge.requests("/sdk/v1/snapshots/2").size()
                == 1 + PushTarget.RETRIES);
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.status().lastError()).isNull(); // not readable yet is no failure
        edge.snapshot(v2); // now current.json has it: the next poll brings it

        Eventually.await("version 2 by polling", () -> client.status().snapshotVersion() == 2);
        assertThat(edge.requests("/sdk/v1/snapshots/2")).hasSize(1 + PushTarget.RETRIES);
    }

    @Test
    void aBurstOfAThousandNotificationsKeepsAtMostOneFetchInFlight() throws Exception {
        connected(NEVER_POLL);
        byte[] v2 = version(2, true);
        edge.snapshot(v2).object("/sdk/v1/snapshots/2", v2);
        int requestsBefore = edge.requests().size();

        for (int i = 0; i < 1000; i++) {
            push.notifyAll(notification(i % 3 == 0 ? v1 : v2));
        }

        Eventually.await("version 2 served", () -> client.status().snapshotVersion() == 2);
        Eventually.await("the stale notifications handled", () -> client.ignoredNotifications() >= 334);
        assertThat(edge.maxInFlight()).as("overlaps: %s", edge.overlaps()).isEqualTo(1);
        assertThat(edge.requests().size() - requestsBefore).isLessThan(100);
    }

    @Test
    void whenTheChannelDropsChangesArriveByPollingAndPushReconnects() throws Exception {
        connected(Duration.ofMillis(200));
        push.stop();
        Eventually.await("push seen down", () -> !client.status().pushConnected());

        edge.snapshot(version(2, true));
        Eventually.await("version 2 by polling", () -> client.status().snapshotVersion() == 2);
        assertThat(client.status().pushConnected()).isFalse();

        push.start();
        Eventually.await("push reconnected", () -> client.status().pushConnected() && client.pushConnections() == 2);
        byte[] v3 = version(3, false);
        edge.object("/sdk/v1/snapshots/3", v3);
        push.notifyAll(notification(v3));
        Eventually.await("version 3 by push", () -> client.status().snapshotVersion() == 3);
    }

    @Test
    void malformedUnknownAndOversizedFramesAreIgnoredAndTheChannelStays() throws Exception {
        connected(NEVER_POLL);

        push.sendRaw("not json");
        push.sendRaw("{\"type\":\"publish_success\",\"id\":\"x\"}");
        push.sendRaw("{\"no\":\"type\"}");
        push.sendEvent("{\"version\":\"seven\"}");
        push.sendEvent("{\"version\":7,\"contentHash\":\"sha256:" + "0".repeat(64) + "\",\"pad\":\""
                + "x".repeat(2000) + "\"}");
        push.sendRaw("{\"type\":\"data\",\"id\":\"" + "y".repeat(40_000) + "\"}");
        byte[] v2 = version(2, true);
        edge.object("/sdk/v1/snapshots/2", v2);
        push.notifyAll(notification(v2));

        Eventually.await("version 2 served", () -> client.status().snapshotVersion() == 2);
        assertThat(client.pushConnections()).isEqualTo(1);
        assertThat(client.status().pushConnected()).isTrue();
    }

    @Test
    void pushIsOffWithoutARealtimeUrlOrWhenTurnedOff() {
        client = TestClients.fast(edge).metrics(false).realtimeUrl(push.url()).push(false).build();
        TestClients.settled(client);
        Eventually.await("a few polls", () -> edge.requests(FakeEdge.SNAPSHOT).size() >= 3);
        assertThat(client.status().pushConnected()).isFalse();
        assertThat(push.subscribes()).isZero();

        assertThatThrownBy(() -> VexilClient.builder(URI.create("https://flags.example.com"), TestClients.KEY)
                .realtimeUrl(URI.create("ws://push.example.com/event/realtime")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws://");
        assertThatThrownBy(() -> VexilClient.builder(URI.create("https://flags.example.com"), TestClients.KEY)
                .realtimeUrl(URI.create("https://push.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws(s)");
    }
}
