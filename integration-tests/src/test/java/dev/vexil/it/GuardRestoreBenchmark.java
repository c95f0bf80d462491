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
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Guard restore latency (a main, not a test): on the local stack, with the SDK polling every second, starts a
 * guarded plan (one step, 100%) 50 times and plays its guard alarm; each latency runs from sending
 * {@code POST /v1/_local/alarms/{name}} to the first SDK evaluation that shows the restored configuration. Alarms
 * are spaced by a random 0-1 s pause so that they do not fall in step with the polls.
 *
 * <p>Run: {@code ./mvnw -q -pl integration-tests -am -Pguard-restore -DskipTests verify}.
 */
public final class GuardRestoreBenchmark {
    private static final int ALARMS = 50;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String ALARM = "bench-errors";

    private GuardRestoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> millis = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        try (LocalWiring stack = new LocalWiring(Files.createTempDirectory("vexil-guard-bench"))) {
            Fixture f = Fixture.create(stack, "guard-bench");
            try (VexilClient client = VexilClient.builder(stack.edgeBaseUrl(), f.sdkKey).pollInterval(POLL).build()) {
                Fixture.awaitInitialized(client);
                Fixture.awaitStartingTargeting(client);
                for (int i = 0; i < ALARMS; i++) {
                    f.admin.post(f.configPath() + "/rollouts", Map.of("variation", 0,
                            "steps", List.of(Map.of("percent", 100)), "guards", List.of(ALARM),
                            "bakeTime", "PT10M")).expect(201);
                    await(client, true, "plan " + i);
                    Thread.sleep(random.nextInt(1000));
                    long start = System.nanoTime();
                    f.admin.post("/v1/_local/alarms/" + ALARM, Map.of("state", "ALARM")).expect(200);
                    await(client, false, "restore " + i);
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        Collections.sort(millis);
        System.out.printf("Guard restore, local stack, SDK poll interval %d ms, %d alarms:%n", POLL.toMillis(),
                ALARMS);
        System.out.printf("| p50 | p95 | p99 | max |%n|---|---|---|---|%n| %d ms | %d ms | %d ms | %d ms |%n",
                PropagationBenchmark.percentile(millis, 50), PropagationBenchmark.percentile(millis, 95),
                PropagationBenchmark.percentile(millis, 99), millis.get(millis.size() - 1));
    }

    /** Waits until the SDK serves {@code expected} to a context that reaches the fallthrough. */
    private static void await(VexilClient client, boolean expected, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (client.boolVariation(FLAG, FREE, !expected) != expected) {
            if (System.nanoTime() - start > Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException(what + " did not arrive within 60 s: " + client.status());
            }
            Thread.sleep(1);
        }
    }
}
