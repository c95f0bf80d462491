package dev.vexil.bench.eval;

import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Set;

/**
 * A companion to {@link EvalBenchmark} for a shared, overloaded machine: the same scenarios and users, timed by the
 * thread's CPU time rather than by the wall clock, so that the time the thread spends descheduled does not count.
 * Not a replacement for JMH (no blackhole, no forks): a cross-check of what bounds the JMH figures. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.vexil.bench.eval.CpuTimeEstimate}.
 */
public final class CpuTimeEstimate {
    private static final int OPS = 5_000_000;
    private static final int ROUNDS = 7;

    private CpuTimeEstimate() {
    }

    public static void main(String[] args) {
        CompiledEnvironment env = CompiledEnvironment.compile(ScenarioFlags.snapshot(), Set.of(), null);
        ScenarioUsers users = new ScenarioUsers();
        Context[] contexts = users.contexts();
        ScenarioSanity.check(env, users, contexts);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] flags = {null, ScenarioFlags.S1, ScenarioFlags.S2, ScenarioFlags.S3};
        for (int round = 0; round < 3; round++) { // warm-up
            for (String flag : flags) {
                run(env, users, contexts, flag, false);
                run(env, users, contexts, flag, true);
            }
        }
        for (String flag : flags) {
            for (boolean perCall : new boolean[] {false, true}) {
                if (flag == null && perCall) {
                    continue;
                }
                double[] cpu = new double[ROUNDS];
                double[] wall = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    run(env, users, contexts, flag, perCall);
                    wall[r] = (System.nanoTime() - w0) / (double) OPS;
                    cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / (double) OPS;
                }
                System.out.printf("%-14s %-9s cpu median %7.2f ns/op   wall median %7.2f ns/op%n",
                        flag == null ? "baseline" : flag, flag == null ? "" : perCall ? "perCall" : "prebuilt",
                        median(cpu), median(wall));
            }
        }
    }

    private static long sink;

    private static void run(CompiledEnvironment env, ScenarioUsers users, Context[] contexts, String flag,
                            boolean perCall) {
        long acc = 0;
        for (int i = 0; i < OPS; i++) {
            int u = i & ScenarioUsers.MASK;
            Context ctx = perCall ? users.context(u) : contexts[u];
            acc += flag == null ? ctx.hashCode() : env.evaluate(flag, ctx).variationIndex();
        }
        sink += acc;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
