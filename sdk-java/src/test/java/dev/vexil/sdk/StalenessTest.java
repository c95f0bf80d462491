package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import dev.vexil.eval.ReasonKind;
import dev.vexil.model.StalenessPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-flag staleness policy: fail-closed flags serve their off variation once the data is too old. */
class StalenessTest {
    private static final Context USER = Context.builder("user-1").build();
    private static final StalenessPolicy FAIL_CLOSED = new StalenessPolicy(60, StalenessPolicy.SERVE_OFF);
    private static final StalenessPolicy KEEP_SERVING = new StalenessPolicy(60, StalenessPolicy.SERVE_LAST_KNOWN);

    private final FakeEdge edge = new FakeEdge();
    private final ShiftableClock clock = new ShiftableClock();
    private VexilClient client;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        edge.close();
    }

    @Test
    void failClosedFlagsServeOffWhenTheDataIsTooOldAndRecoverOnConfirmation() {
        edge.snapshot(json(2, boolFlag("payments", FAIL_CLOSED), boolFlag("banner", KEEP_SERVING),
                boolFlag("plain", true)));
        client = TestClients.fast(edge).clock(clock).build();
        client.waitForInitialization(Duration.ofSeconds(30));
        assertThat(client.boolVariation("payments", USER, false)).isTrue();

        edge.snapshotOverride(FakeEdge.status(500));
        Eventually.await("the edge failing", () -> client.status().consecutiveFailures() >= 1);
        clock.advance(Duration.ofSeconds(61));
        Eventually.await("payments stale", () -> !client.boolVariation("payments", USER, true));

        var detail = client.boolVariationDetail("payments", USER, true);
        assertThat(detail.reason().kind()).isEqualTo(ReasonKind.OFF);
        assertThat(detail.reason().note()).isEqualTo("stale");
        assertThat(detail.openFeatureReason()).isEqualTo("DISABLED");
        assertThat(detail.value()).isFalse();
        assertThat(client.boolVariation("banner", USER, false)).as("serveLastKnown").isTrue();
        assertThat(client.boolVariation("plain", USER, false)).as("no policy").isTrue();
        assertThat(client.status().staleFlags()).containsExactly("payments");
        assertThat(client.status().dataAge()).isGreaterThan(Duration.ofSeconds(60));

        edge.clearSnapshotOverride(); // the next 304 confirms the data
        Eventually.await("payments fresh again", () -> client.boolVariation("payments", USER, false));
        assertThat(client.status().staleFlags()).isEmpty();
    }

    @Test
    void aKilledFlagThatIsAlsoStaleKeepsTheKillListNote() {
        edge.snapshot(json(2, boolFlag("payments", FAIL_CLOSED), boolFlag("refunds", FAIL_CLOSED)))
                .killList("{\"flags\":[\"refunds\"]}");
        client = TestClients.fast(edge).clock(clock).build();
        Eventually.await("refunds killed", () -> client.status().killedFlags().contains("refunds"));

        edge.snapshotOverride(FakeEdge.status(500));
        Eventually.await("the edge failing", () -> client.status().consecutiveFailures() >= 1);
        clock.advance(Duration.ofSeconds(61));
        Eventually.await("payments stale", () -> client.status().staleFlags().contains("payments"));

        assertThat(client.boolVariationDetail("payments", USER, true).reason().note()).isEqualTo("stale");
        assertThat(client.boolVariationDetail("refunds", USER, true).reason().note()).isEqualTo("kill list");
        assertThat(client.boolVariation("refunds", USER, true)).isFalse();
    }

    @Test
    void stalenessIsCheckedOnATimerEvenWhenPollingHasStopped() {
        edge.snapshot(json(2, boolFlag("payments", FAIL_CLOSED)));
        client = TestClients.fast(edge).clock(clock).build();
        client.waitForInitialization(Duration.ofSeconds(30));
        edge.requireKey("sdk-another-key");
        Eventually.await("polling stopped", () -> client.status().keyRefused());

        assertThat(client.boolVariation("payments", USER, false)).isTrue();
        clock.advance(Duration.ofSeconds(61));
        Eventually.await("payments stale without any poll", () -> !client.boolVariation("payments", USER, true));
    }

    @Test
    void anOldBootstrapFileIsStaleFromTheStart() throws IOException {
        Path bootstrap = dir.resolve("bootstrap.json");
        Files.write(bootstrap, TestSnapshots.json(1, Instant.now().minus(Duration.ofHours(2)),
                boolFlag("payments", FAIL_CLOSED), boolFlag("banner", KEEP_SERVING)));
        client = VexilClient.builder(edge.baseUri(), TestClients.KEY).offline(true).bootstrap(bootstrap).build();

        assertThat(client.waitForInitialization(Duration.ZERO)).isTrue();
        assertThat(client.boolVariation("payments", USER, true)).isFalse();
        assertThat(client.boolVariation("banner", USER, false)).isTrue();
    }
}
