package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import dev.vexil.snapshot.SnapshotCodec;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clear-text URLs, oversized plain bodies, and the LENIENT validation of every snapshot. */
class TransportSafetyTest {
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
    void httpIsRefusedExceptForLoopbackUnlessAllowed() {
        assertThatThrownBy(() -> VexilClient.builder(URI.create("http://flags.example.com"), TestClients.KEY).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// would send the SDK key in clear text");
        for (String local : List.of("http://localhost:8701", "http://127.0.0.1:8701", "http://[::1]:8701")) {
            assertThatCode(() -> VexilClient.builder(URI.create(local), TestClients.KEY).build().close())
                    .as(local).doesNotThrowAnyException();
        }
        assertThatCode(() -> VexilClient.builder(URI.create("http://flags.internal"), TestClients.KEY)
                .allowInsecureHttp(true).build().close()).doesNotThrowAnyException();
        assertThatCode(() -> VexilClient.builder(URI.create("https://flags.example.com"), TestClients.KEY).build()
                .close()).doesNotThrowAnyException();
        assertThatThrownBy(() -> VexilClient.builder(URI.create("http://localhost.example.com"), TestClients.KEY)
                .build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlainBodyOverTheCapIsRefusedAndTheLastGoodKept() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).maxBodyBytes(2048).build();
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();

        byte[] big = json(2, boolFlag("checkout", false), boolFlag("x".repeat(60), true),
                boolFlag("y".repeat(60), true), boolFlag("z".repeat(60), true), boolFlag("w".repeat(60), true),
                boolFlag("v".repeat(60), true), boolFlag("u".repeat(60), true), boolFlag("t".repeat(60), true),
                boolFlag("s".repeat(60), true), boolFlag("r".repeat(60), true), boolFlag("q".repeat(60), true));
        assertThat(big.length).isGreaterThan(2048);
        edge.snapshotOverride(FakeEdge.plain200(big));
        Eventually.await("refused", () -> String.valueOf(client.status().lastError())
                .contains("response body larger than 2048 bytes"));
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void aFlagOverALimitServesMalformedAndTheOthersStillWork() {
        Clause explosive = new Clause("email", "matches", List.of(TextNode.valueOf("((a{100}){100}){100}")), false,
                null);
        Flag regex = new Flag("regex", FlagType.BOOLEAN, List.of(new Variation(BooleanNode.TRUE, null),
                new Variation(BooleanNode.FALSE, null)), null, true, 1, null, List.of(), List.of(),
                List.of(new Rule("r", null, List.of(explosive), Serve.variation(0))), Serve.variation(1), null);
        edge.snapshot(SnapshotCodec.write(new Snapshot(1, "shop", "prod", 1, "2026-12-01T19:00:00Z",
                List.of(boolFlag("checkout", true), regex), List.of(), null)));
        client = TestClients.fast(edge).build();
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();

        var detail = client.boolVariationDetail("regex", USER, false);
        assertThat(detail.errorKind()).isEqualTo(ErrorKind.MALFORMED_FLAG);
        assertThat(detail.reason().note()).contains("rules[0].clauses[0].values[0]").contains("10000");
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void aSnapshotWhoseSegmentsFailValidationIsRefusedWhole() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();

        Segment bad = new Segment("beta", null, null, List.of("same"), List.of("same"), List.of(), null, null);
        edge.snapshot(SnapshotCodec.write(new Snapshot(1, "shop", "prod", 2, "2026-12-01T19:00:00Z",
                List.of(boolFlag("checkout", false)), List.of(bad), null)));
        Eventually.await("refused", () -> String.valueOf(client.status().lastError())
                .contains("refused snapshot version 2: it fails validation: segments[0]"));
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }
}
