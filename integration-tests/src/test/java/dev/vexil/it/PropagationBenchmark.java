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
 * Propagation benchmark (a main, not a test): on the local stack, with the SDK polling every second, makes 100
 * targeting changes and measures each one from the moment the admin PUT is sent to the moment the SDK's evaluation
 * shows it. Writes are spaced by a random 0-1 s pause so that they do not fall in step with the polls.
 *
 * <p>Run: {@code ./mvnw -q -pl integration-tests -am -Ppropagation -DskipTests verify}. Target: p99 &le; poll
 * interval + 0.5 s.
 */
public final class PropagationBenchmark {
    private static final int CHANGES = 100;
    private static final Duration POLL = Duration.ofSeconds(1);

    private PropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> millis = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        try (LocalWiring stack = new LocalWiring(Files.createTempDirectory("vexil-propagation"))) {
            Fixture f = Fixture.create(stack, "propagation");
            try (VexilClient client = VexilClient.builder(stack.edgeBaseUrl(), f.sdkKey).pollInterval(POLL).build()) {
                Fixture.awaitInitialized(client);
                Fixture.awaitStartingTargeting(client);
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
            }
        }
        Collections.sort(millis);
        System.out.printf("Propagation, local stack, SDK poll interval %d ms, %d changes:%n", POLL.toMillis(), CHANGES);
        System.out.printf("| p50 | p95 | p99 | max |%n|---|---|---|---|%n| %d ms | %d ms | %d ms | %d ms |%n",
                percentile(millis, 50), percentile(millis, 95), percentile(millis, 99), millis.get(millis.size() - 1));
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
