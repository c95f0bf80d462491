package dev.vexil.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.Context;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's plain variations allocate nothing, with evaluation metrics counting (the evaluator's own check is
 * shared-evaluator's ZeroAllocationTest). Counts the bytes this thread allocates; not a timing test.
 */
class CountingAllocationTest {
    private final FakeEdge edge = new FakeEdge();

    @AfterEach
    void stopEdge() {
        edge.close();
    }

    @Test
    void countedEvaluationsAllocateNothing() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        edge.snapshot(TestSnapshots.json(1, TestSnapshots.boolFlag("a", true),
                TestSnapshots.stringFlag("c", 1, "x", "y", "z")));
        try (VexilClient client = TestClients.settled(TestClients.fast(edge).pollInterval(Duration.ofHours(1))
                .metricsInterval(Duration.ofHours(1)).build())) {
            Context[] contexts = new Context[64];
            for (int i = 0; i < contexts.length; i++) {
                contexts[i] = Context.builder("user-" + i).set("plan", "pro").build();
            }
            long sink = 0;
            for (int i = 0; i < 20_000; i++) {
                sink += evaluate(client, contexts[i & 63]);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200_000; i++) {
                sink += evaluate(client, contexts[i & 63]);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(sink).isEqualTo(2 * 220_000);
            // Any allocation per evaluation would be at least 16 B x 200,000 = 3.2 MB; allow the probe's own bytes.
            assertThat(allocated).isLessThan(10_000);
            client.flushMetrics(Duration.ofSeconds(30));
        }
        String summary = new String(edge.eventBodies().getLast(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(summary).contains("{\"flag\":\"a\",\"variation\":0,\"reason\":\"FALLTHROUGH\",\"count\":220000}");
    }

    private static int evaluate(VexilClient client, Context ctx) {
        return (client.boolVariation("a", ctx, false) ? 1 : 0) + client.stringVariation("c", ctx, "none").length();
    }
}
