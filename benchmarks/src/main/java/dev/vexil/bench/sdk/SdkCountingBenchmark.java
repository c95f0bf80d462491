package dev.vexil.bench.sdk;

import dev.vexil.bench.eval.ScenarioFlags;
import dev.vexil.bench.eval.ScenarioUsers;
import dev.vexil.eval.Context;
import dev.vexil.sdk.VexilClient;
import dev.vexil.snapshot.SnapshotCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What evaluation metrics cost: {@code client.boolVariation} / {@code stringVariation} on the three scenarios with
 * pre-built contexts, with counting on and off ({@code metrics} parameter) in the same run. Counting needs an online
 * client, so this one points at a closed port (nothing answers; the poll fails once and the client serves the
 * bootstrap file) with poll and send intervals of an hour, so neither runs during the measurement. See
 * docs/benchmarks.md, "Evaluation metrics".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SdkCountingBenchmark {
    @Param({"on", "off"})
    public String metrics;

    private VexilClient client;
    private Context[] contexts;
    private Path bootstrap;
    private int cursor;

    @Setup
    public void setUp() throws IOException {
        bootstrap = Files.createTempFile("vexil-bench-bootstrap", ".json");
        Files.write(bootstrap, SnapshotCodec.write(ScenarioFlags.snapshot()));
        client = VexilClient.builder(URI.create("http://127.0.0.1:9"), "sdk-bench")
                .bootstrap(bootstrap)
                .pollInterval(Duration.ofHours(1))
                .metrics(metrics.equals("on"))
                .metricsInterval(Duration.ofHours(1))
                .build();
        if (!client.waitForInitialization(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the client did not load the bootstrap file: " + client.status());
        }
        contexts = new ScenarioUsers().contexts();
    }

    @TearDown
    public void tearDown() throws IOException {
        client.close();
        Files.deleteIfExists(bootstrap);
    }

    private int next() {
        return cursor++ & ScenarioUsers.MASK;
    }

    @Benchmark
    public boolean s1_prebuilt() {
        return client.boolVariation(ScenarioFlags.S1, contexts[next()], false);
    }

    @Benchmark
    public boolean s2_prebuilt() {
        return client.boolVariation(ScenarioFlags.S2, contexts[next()], false);
    }

    @Benchmark
    public String s3_prebuilt() {
        return client.stringVariation(ScenarioFlags.S3, contexts[next()], "none");
    }
}
