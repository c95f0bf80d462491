package dev.vexil.it;

import static dev.vexil.it.Fixture.FLAG;
import static dev.vexil.it.Fixture.FREE;

import dev.vexil.it.stack.LocalWiring;
import dev.vexil.sdk.VexilClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Propagation benchmark (a main, not a test): on the local stack makes 100 targeting changes and measures each one
 * from the moment the admin PUT is sent to the moment the SDK's evaluation shows it. Writes are spaced by a random
 * 0-1 s pause so that they do not fall in step with the polls. Two modes (the first argument):
 * <ul>
 *   <li>{@code poll} (default): the SDK polls every second, push off. Target: p99 &le; poll interval + 0.5 s.</li>
 *   <li>{@code push}: the SDK polls every 30 s (the default interval) and subscribes to the local push channel.
 *       Target: p99 &le; 1 s. Also prints how many changes arrived as deltas and how many whole snapshots were
 *       served.</li>
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -pl integration-tests -am -Ppropagation -DskipTests verify [-Dpropagation.mode=push]}.
 */
public final class PropagationBenchmark {
    private static final int CHANGES = 100;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PUSH_POLL = Duration.ofSeconds(30);

    private PropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean push = args.length > 0 && args[0].equals("push");
        Duration poll = push ? PUSH_POLL : POLL;
        List<Long> millis = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        long deltas;
        long wholeSnapshots;
        try (LocalWiring stack = new LocalWiring(Files.createTempDirectory("vexil-propagation"))) {
            Fixture f = Fixture.create(stack, "propagation");
            VexilClient.Builder builder = VexilClient.builder(stack.edgeBaseUrl(), f.sdkKey).pollInterval(poll);
            if (push) {
                builder.realtimeUrl(stack.services().realtimeUri());
            }
            try (VexilClient client = builder.build()) {
                Fixture.awaitInitialized(client);
                Fixture.awaitStartingTargeting(client);
                if (push) {
                    Eventually.await("push connected", () -> client.status().pushConnected());
                }
                long deltasBefore = stack.edgeStats().count("/sdk/v1/deltas", 200);
                long wholeBefore = stack.edgeStats().count("/sdk/v1/snapshot", 200)
                        + stack.edgeStats().count("/sdk/v1/snapshots", 200);
                for (int i = 0; i < CHANGES; i++) {
                    boolean freeMatches = i % 2 == 0; // alternate: the rule serves true to free, then to pro again
                    AdminApi.Response current = f.admin.get(f.configPath()).expect(200);
                    long start = System.nanoTime();
                    f.putConfig(Fixture.ruleFor(freeMatches ? "free" : "pro"), current.etag()).expect(200);
                    while (client.boolVariation(FLAG, FREE, !freeMatches) != freeMatches) {
                        if (System.nanoTime() - start > Duration.ofSeconds(60).toNanos()) {
                            throw new IllegalStateException("change " + i + " did not arrive within 60 s: " + client.status());
                        }
                        Thread.sleep(1);
                    }
                    millis.add((System.nanoTime() - start) / 1_000_000);
                    Thread.sleep(random.nextInt(1000));
                }
                deltas = stack.edgeStats().count("/sdk/v1/deltas", 200) - deltasBefore;
                wholeSnapshots = stack.edgeStats().count("/sdk/v1/snapshot", 200)
                        + stack.edgeStats().count("/sdk/v1/snapshots", 200) - wholeBefore;
            }
        }
        Collections.sort(millis);
        System.out.printf("Propagation, local stack, SDK poll interval %d ms, push %s, %d changes:%n", poll.toMillis(),
                push ? "on" : "off", CHANGES);
        System.out.printf("deltas served: %d, whole snapshots served: %d%n", deltas, wholeSnapshots);
        System.out.printf("| p50 | p95 | p99 | max |%n|---|---|---|---|%n| %d ms | %d ms | %d ms | %d ms |%n",
                percentile(millis, 50), percentile(millis, 95), percentile(millis, 99), millis.get(millis.size() - 1));
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
