package dev.vexil.bench.eval;

import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.EvaluationResult;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three scenarios of SCENARIOS.md, single-threaded, each pre-built (contexts built once) and built per call
 * (the context built from the user's four strings inside the method), plus the cursor-only baseline. Each
 * invocation takes the next of the 1,024 users. The sanity checks run in {@link #setUp()} and throw if violated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvalBenchmark {
    private CompiledEnvironment env;
    private ScenarioUsers users;
    private Context[] contexts;
    private int cursor;

    @Setup
    public void setUp() {
        env = CompiledEnvironment.compile(ScenarioFlags.snapshot(), Set.of(), null);
        users = new ScenarioUsers();
        contexts = users.contexts();
        ScenarioSanity.check(env, users, contexts);
    }

    private int next() {
        return cursor++ & ScenarioUsers.MASK;
    }

    @Benchmark
    public Context baseline() {
        return contexts[next()];
    }

    @Benchmark
    public EvaluationResult s1_prebuilt() {
        return env.evaluate(ScenarioFlags.S1, contexts[next()]);
    }

    @Benchmark
    public EvaluationResult s1_perCall() {
        return env.evaluate(ScenarioFlags.S1, users.context(next()));
    }

    @Benchmark
    public EvaluationResult s2_prebuilt() {
        return env.evaluate(ScenarioFlags.S2, contexts[next()]);
    }

    @Benchmark
    public EvaluationResult s2_perCall() {
        return env.evaluate(ScenarioFlags.S2, users.context(next()));
    }

    @Benchmark
    public EvaluationResult s3_prebuilt() {
        return env.evaluate(ScenarioFlags.S3, contexts[next()]);
    }

    @Benchmark
    public EvaluationResult s3_perCall() {
        return env.evaluate(ScenarioFlags.S3, users.context(next()));
    }
}
