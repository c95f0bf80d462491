package dev.vexil.bench.sdk;

import dev.vexil.bench.eval.ScenarioFlags;
import dev.vexil.bench.eval.ScenarioSanity;
import dev.vexil.bench.eval.ScenarioUsers;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.EvaluationResult;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SDK's own evaluation path, {@code client.boolVariation} / {@code client.stringVariation} through the public
 * API, on the three scenarios of SCENARIOS.md (the same users and flags as {@code EvalBenchmark}), with the context
 * pre-built and built per call. The client runs offline from a bootstrap file written from the scenario snapshot.
 * Compare with {@code EvalBenchmark} (the bare evaluator) in the same JMH run; see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SdkBenchmark {
    private VexilClient client;
    private CompiledEnvironment bare;
    /** The bare evaluator behind a volatile read, as the SDK must read it: shows what that read alone costs. */
    private volatile CompiledEnvironment bareVolatile;
    private ScenarioUsers users;
    private Context[] contexts;
    private Path bootstrap;
    private int cursor;

    @Setup
    public void setUp() throws IOException {
        bootstrap = Files.createTempFile("vexil-bench-bootstrap", ".json");
        Files.write(bootstrap, SnapshotCodec.write(ScenarioFlags.snapshot()));
        client = VexilClient.builder(URI.create("http://127.0.0.1:9"), "bench").offline(true).bootstrap(bootstrap)
                .build();
        if (!client.waitForInitialization(Duration.ZERO)) {
            throw new IllegalStateException("the client did not load the bootstrap file: " + client.status());
        }
        users = new ScenarioUsers();
        contexts = users.contexts();
        bare = CompiledEnvironment.compile(ScenarioFlags.snapshot());
        bareVolatile = bare;
        ScenarioSanity.check(bare, users, contexts);
        for (int i = 0; i < ScenarioUsers.COUNT; i++) { // the SDK must answer exactly as the bare evaluator
            Context ctx = contexts[i];
            require(client.boolVariation(ScenarioFlags.S1, ctx, false)
                    == bare.evaluate(ScenarioFlags.S1, ctx).value().booleanValue(), "S1", i);
            require(client.boolVariation(ScenarioFlags.S2, ctx, false)
                    == bare.evaluate(ScenarioFlags.S2, ctx).value().booleanValue(), "S2", i);
            require(client.stringVariation(ScenarioFlags.S3, ctx, "none")
                    .equals(bare.evaluate(ScenarioFlags.S3, ctx).value().textValue()), "S3", i);
        }
    }

    private static void require(boolean same, String scenario, int user) {
        if (!same) {
            throw new IllegalStateException("sanity check failed: the SDK and the evaluator differ on " + scenario
                    + " for user " + user);
        }
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
    public Context baseline() {
        return contexts[next()];
    }

    // Each SDK benchmark has its bare-evaluator twin next to it (alphabetical order keeps them adjacent), so the
    // pair runs under the same machine load; EvalBenchmark runs in the same JMH run too.

    @Benchmark
    public boolean s1_prebuilt_sdk() {
        return client.boolVariation(ScenarioFlags.S1, contexts[next()], false);
    }

    @Benchmark
    public EvaluationResult s1_prebuilt_evaluator() {
        return bare.evaluate(ScenarioFlags.S1, contexts[next()]);
    }

    @Benchmark
    public EvaluationResult s1_prebuilt_evaluatorVolatile() {
        return bareVolatile.evaluate(ScenarioFlags.S1, contexts[next()]);
    }

    @Benchmark
    public boolean s1_perCall_sdk() {
        return client.boolVariation(ScenarioFlags.S1, users.context(next()), false);
    }

    @Benchmark
    public EvaluationResult s1_perCall_evaluator() {
        return bare.evaluate(ScenarioFlags.S1, users.context(next()));
    }

    @Benchmark
    public boolean s2_prebuilt_sdk() {
        return client.boolVariation(ScenarioFlags.S2, contexts[next()], false);
    }

    @Benchmark
    public EvaluationResult s2_prebuilt_evaluator() {
        return bare.evaluate(ScenarioFlags.S2, contexts[next()]);
    }

    @Benchmark
    public boolean s2_perCall_sdk() {
        return client.boolVariation(ScenarioFlags.S2, users.context(next()), false);
    }

    @Benchmark
    public EvaluationResult s2_perCall_evaluator() {
        return bare.evaluate(ScenarioFlags.S2, users.context(next()));
    }

    @Benchmark
    public String s3_prebuilt_sdk() {
        return client.stringVariation(ScenarioFlags.S3, contexts[next()], "none");
    }

    @Benchmark
    public EvaluationResult s3_prebuilt_evaluator() {
        return bare.evaluate(ScenarioFlags.S3, contexts[next()]);
    }

    @Benchmark
    public String s3_perCall_sdk() {
        return client.stringVariation(ScenarioFlags.S3, users.context(next()), "none");
    }

    @Benchmark
    public EvaluationResult s3_perCall_evaluator() {
        return bare.evaluate(ScenarioFlags.S3, users.context(next()));
    }
}
