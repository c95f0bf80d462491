package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import dev.vexil.eval.ReasonKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emergency kill list, fetched every cycle with its own ETag and applied on top of the snapshot. */
class KillListTest {
    private static final Context USER = Context.builder("user-1").build();

    private final FakeEdge edge = new FakeEdge();
    private VexilClient client;

    @TempDir
    Path cacheDir;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        edge.close();
    }

    @Test
    void theKillListForcesAFlagOffAndRemovingItRestoresIt() {
        edge.snapshot(json(4, boolFlag("checkout", true), boolFlag("search", true)));
        client = TestClients.settled(TestClients.fast(edge).build());
        List<FlagChangeEvent> checkoutChanges = new CopyOnWriteArrayList<>();
        List<FlagChangeEvent> searchChanges = new CopyOnWriteArrayList<>();
        client.onChange("checkout", checkoutChanges::add);
        client.onChange("search", searchChanges::add);

        edge.killList("{\"flags\":[\"checkout\",\"not-in-snapshot\"],\"reason\":\"incident 42\",\"extra\":1}");
        Eventually.await("checkout killed", () -> !client.boolVariation("checkout", USER, true));

        var detail = client.boolVariationDetail("checkout", USER, true);
        assertThat(detail.value()).isFalse();
        assertThat(detail.variationIndex()).isEqualTo(1);
        assertThat(detail.reason().kind()).isEqualTo(ReasonKind.OFF);
        assertThat(detail.reason().note()).isEqualTo("kill list");
        assertThat(detail.openFeatureReason()).isEqualTo("DISABLED");
        assertThat(detail.snapshotVersion()).isEqualTo(4);
        assertThat(client.boolVariation("search", USER, false)).isTrue();
        assertThat(client.status().killedFlags()).containsExactly("checkout");

        edge.killList(null); // 404: no kill list
        Eventually.await("checkout restored", () -> client.boolVariation("checkout", USER, false));
        assertThat(client.boolVariationDetail("checkout", USER, false).reason().kind())
                .isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(client.status().killedFlags()).isEmpty();
        Eventually.await("two change events", () -> checkoutChanges.size() >= 2);
        assertThat(checkoutChanges).containsExactly(new FlagChangeEvent("checkout", 4, 4),
                new FlagChangeEvent("checkout", 4, 4));
        assertThat(searchChanges).isEmpty();
    }

    @Test
    void theKillListIsRevalidatedWithItsOwnEtag() {
        edge.snapshot(json(1, boolFlag("checkout", true))).killList("{\"flags\":[\"checkout\"]}");
        client = TestClients.fast(edge).build();
        Eventually.await("three kill-list polls", () -> edge.requests(FakeEdge.KILL_LIST).size() >= 3);

        var polls = edge.requests(FakeEdge.KILL_LIST);
        assertThat(polls.get(0).ifNoneMatch()).isNull();
        assertThat(polls.get(2).ifNoneMatch()).isEqualTo(FakeEdge.etagOf("{\"flags\":[\"checkout\"]}".getBytes()));
        assertThat(edge.requests(FakeEdge.SNAPSHOT).get(2).ifNoneMatch()).isNotEqualTo(polls.get(2).ifNoneMatch());
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
    }

    @Test
    void aCorruptKillListIsRefusedAndThePreviousOneStays() {
        edge.snapshot(json(1, boolFlag("checkout", true))).killList("{\"flags\":[\"checkout\"]}");
        client = TestClients.fast(edge).build();
        Eventually.await("killed", () -> client.status().killedFlags().contains("checkout"));

        edge.killList("{\"flags\":\"checkout\"}");
        Eventually.await("refused", () -> String.valueOf(client.status().lastError()).contains("corrupt kill list"));
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
    }

    /**
     * An operator writing the file by hand during an incident may get the informational members wrong; the flags it
     * lists must still be turned off (the shared {@code dev.vexil.wire.KillList} reads such a member as absent).
     */
    @Test
    void aReasonThatIsNotTextDoesNotStopTheKill() {
        edge.snapshot(json(1, boolFlag("checkout", true), boolFlag("search", true)))
                .killList("{\"flags\":[\"checkout\"],\"reason\":{\"ticket\":\"INC-42\"},\"updatedAt\":17}");
        client = TestClients.fast(edge).build();
        Eventually.await("killed", () -> client.status().killedFlags().contains("checkout"));

        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
        assertThat(client.boolVariation("search", USER, false)).isTrue();
        assertThat(client.status().lastError()).isNull();
    }

    @Test
    void theKillListSurvivesARestartWithTheEdgeDown() {
        URI deadEdge = edge.baseUri();
        edge.snapshot(json(1, boolFlag("checkout", true))).killList("{\"flags\":[\"checkout\"]}");
        try (VexilClient first = TestClients.fast(edge).cacheDirectory(cacheDir).build()) {
            Eventually.await("killed", () -> first.status().killedFlags().contains("checkout"));
            Eventually.await("kill list cached", () -> new SnapshotCache(cacheDir, deadEdge, TestClients.KEY, new SnapshotReader(null)).load()
                    .map(d -> d.killList().flags().contains("checkout")).orElse(false));
        }
        edge.close();

        client = TestClients.fast(deadEdge).cacheDirectory(cacheDir).build();
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
        assertThat(client.status().source()).isEqualTo(DataSource.CACHE);
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
    }
}
