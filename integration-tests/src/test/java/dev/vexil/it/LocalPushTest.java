package dev.vexil.it;

import static dev.vexil.it.Fixture.FLAG;
import static dev.vexil.it.Fixture.FREE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.it.stack.LocalWiring;
import dev.vexil.local.push.PushServer;
import dev.vexil.sdk.VexilClient;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Push end to end on the local stack (docs/push.md): the admin API, the compiler writing deltas and notifying the
 * local WebSocket hub, the SDK subscribed to it and fetching through the local edge. The SDK polls every 30 s here,
 * so a change seen within a few seconds can only have come by push.
 */
class LocalPushTest {
    private static final Duration SLOW_POLL = Duration.ofSeconds(30);
    private static final Duration SOONER_THAN_A_POLL = Duration.ofSeconds(10);

    private LocalWiring stack;
    private Fixture f;

    @BeforeEach
    void start() throws Exception {
        stack = new LocalWiring(Files.createTempDirectory("vexil-it-push"));
        f = Fixture.create(stack, "push");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private VexilClient pushClient(Duration pollInterval) {
        VexilClient client = VexilClient.builder(stack.edgeBaseUrl(), f.sdkKey).pollInterval(pollInterval)
                .realtimeUrl(stack.services().realtimeUri()).build();
        Fixture.awaitInitialized(client);
        Eventually.await("push connected", () -> client.status().pushConnected());
        return client;
    }

    private void serveTrueTo(String plan) {
        f.putConfig(Fixture.ruleFor(plan), f.admin.get(f.configPath()).expect(200).etag()).expect(200);
    }

    @Test
    void aChangeReachesAnSdkPollingEvery30SecondsByPushAndArrivesAsADelta() {
        try (VexilClient client = pushClient(SLOW_POLL)) {
            Fixture.awaitStartingTargeting(client);
            long wholeSnapshots = stack.edgeStats().count("/sdk/v1/snapshot", 200);

            serveTrueTo("free");

            Eventually.await("the change, well before the next poll", SOONER_THAN_A_POLL,
                    () -> client.boolVariation(FLAG, FREE, false));
            assertThat(stack.edgeStats().count("/sdk/v1/deltas", 200)).isEqualTo(1);
            assertThat(stack.edgeStats().count("/sdk/v1/snapshot", 200)).isEqualTo(wholeSnapshots);
        }
    }

    @Test
    void whenTheChannelDropsChangesArriveByPollingAndPushReconnects() {
        PushServer push = stack.services().pushServer();
        try (VexilClient client = pushClient(Duration.ofMillis(500))) {
            push.stop();
            Eventually.await("the SDK sees push down", () -> !client.status().pushConnected());

            serveTrueTo("free");
            Eventually.await("the change, by polling", () -> client.boolVariation(FLAG, FREE, false));

            push.start();
            Eventually.await("push reconnected", () -> client.status().pushConnected());
        }
        try (VexilClient client = pushClient(SLOW_POLL)) { // and push delivers again
            Eventually.await("it starts from the change", () -> client.boolVariation(FLAG, FREE, false));
            serveTrueTo("pro");
            Eventually.await("the next change, by push", SOONER_THAN_A_POLL,
                    () -> !client.boolVariation(FLAG, FREE, true));
        }
    }

    @Test
    void aRevokedKeyCanNoLongerSubscribe() {
        PushServer push = stack.services().pushServer();
        try (VexilClient client = pushClient(SLOW_POLL)) {
            f.admin.delete(f.envPath() + "/sdk-keys/" + f.sdkKeyId).expect(200);
            long refusedBefore = push.refusals();
            push.stop(); // drop the connection: the key is checked again at the next connect
            push.start();

            Eventually.await("the SDK reconnects and is refused", () -> push.refusals() > refusedBefore);
            assertThat(client.status().pushConnected()).isFalse();
            assertThat(push.subscribers(PushChannels.of(new EnvironmentId(f.project, Fixture.ENV)))).isZero();
        }
    }
}
