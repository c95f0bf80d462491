package dev.vexil.bench.sdk;

import dev.vexil.bench.eval.ScenarioFlags;
import dev.vexil.bench.eval.ScenarioUsers;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.sdk.VexilClient;
import dev.vexil.snapshot.SnapshotCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A cross-check of {@link SdkBenchmark} for an overloaded machine, where wall-clock JMH figures mostly measure time
 * spent descheduled: the SDK path and the bare evaluator, timed by the thread's CPU time, in alternating rounds so
 * that both see the same conditions, and their ratio per scenario. Not a replacement for JMH (no blackhole, no
 * forks). Run with {@code java -cp benchmarks/target/benchmarks.jar dev.vexil.bench.sdk.SdkCpuTimeCheck}.
 */
public final class SdkCpuTimeCheck {
    private static final int OPS = 4_000_000;
    private static final int ROUNDS = 9;
    private static long sink;

    private SdkCpuTimeCheck() {
    }

    /** One way of evaluating a scenario flag for user {@code u}, returning something that depends on the result. */
    @FunctionalInterface
    private interface Evaluation {
        long run(String flag, int u);
    }

    public static void main(String[] args) throws Exception {
        Path bootstrap = Files.createTempFile("vexil-bench-bootstrap", ".json");
        Files.write(bootstrap, SnapshotCodec.write(ScenarioFlags.snapshot()));
        try (VexilClient client = VexilClient.builder(URI.create("http://127.0.0.1:9"), "bench").offline(true)
                .bootstrap(bootstrap).build()) {
            if (!client.waitForInitialization(Duration.ZERO)) {
                throw new IllegalStateException("no snapshot: " + client.status());
            }
            CompiledEnvironment bare = CompiledEnvironment.compile(ScenarioFlags.snapshot());
            ScenarioUsers users = new ScenarioUsers();
            Context[] contexts = users.contexts();
            for (boolean perCall : new boolean[] {false, true}) {
                for (String flag : new String[] {ScenarioFlags.S1, ScenarioFlags.S2, ScenarioFlags.S3}) {
                    boolean s3 = flag.equals(ScenarioFlags.S3);
                    Evaluation evaluator = (f, u) -> bare.evaluate(f, perCall ? users.context(u) : contexts[u])
                            .variationIndex();
                    Evaluation sdk = s3
                            ? (f, u) -> client.stringVariation(f, perCall ? users.context(u) : contexts[u], "none")
                                    .length()
                            : (f, u) -> client.boolVariation(f, perCall ? users.context(u) : contexts[u], false)
                                    ? 1 : 0;
                    compare(flag, perCall, evaluator, sdk);
                }
            }
        } finally {
            Files.deleteIfExists(bootstrap);
        }
    }

    private static void compare(String flag, boolean perCall, Evaluation evaluator, Evaluation sdk) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 3; warm++) {
            cpuNanosPerOp(threads, flag, evaluator);
            cpuNanosPerOp(threads, flag, sdk);
        }
        double[] bare = new double[ROUNDS];
        double[] client = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            bare[r] = cpuNanosPerOp(threads, flag, evaluator);
            client[r] = cpuNanosPerOp(threads, flag, sdk);
        }
        double b = median(bare);
        double c = median(client);
        System.out.printf("%-14s %-9s evaluator cpu median %7.2f ns/op   sdk cpu median %7.2f ns/op   ratio %.2f%n",
                flag, perCall ? "perCall" : "prebuilt", b, c, c / b);
    }

    private static double cpuNanosPerOp(ThreadMXBean threads, String flag, Evaluation evaluation) {
        long start = threads.getCurrentThreadCpuTime();
        long acc = 0;
        for (int i = 0; i < OPS; i++) {
            acc += evaluation.run(flag, i & ScenarioUsers.MASK);
        }
        sink += acc;
        return (threads.getCurrentThreadCpuTime() - start) / (double) OPS;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
