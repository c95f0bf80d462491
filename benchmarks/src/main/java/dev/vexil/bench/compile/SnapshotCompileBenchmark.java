package dev.vexil.bench.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.compiler.SnapshotAssembler;
import dev.vexil.core.compiler.SnapshotBuild;
import dev.vexil.wire.ObjectEncoding;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.Snapshot;
import dev.vexil.validate.Validator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Snapshot compile benchmark (issue 4): builds one environment of 10,000 flags and 1,000 segments the way the
 * compiler does ({@link SnapshotBuild}: assemble, strict validation, seal, canonical JSON, gzip), repeatedly, and
 * prints the median and worst wall and CPU time, the raw and gzipped sizes, the bytes allocated per build, the
 * peak heap, and the median time of each step. A plain main rather than JMH because peak heap and sizes are part
 * of the result; warm-up runs are discarded. Usage (docs/benchmarks.md): {@code java -Xmx1g -cp
 * benchmarks/target/benchmarks.jar dev.vexil.bench.compile.SnapshotCompileBenchmark [typical|heavy] [flags]
 * [segments] [runs]}.
 */
public final class SnapshotCompileBenchmark {
    private static final int WARMUP_RUNS = 3;

    private SnapshotCompileBenchmark() {
    }

    public static void main(String[] args) {
        LargeEnvironment.Profile profile = args.length > 0
                ? LargeEnvironment.Profile.valueOf(args[0].toUpperCase(Locale.ROOT)) : LargeEnvironment.Profile.TYPICAL;
        int flags = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int segments = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 9;

        EnvironmentState state = LargeEnvironment.generate(flags, segments, profile);
        SnapshotBuild first = SnapshotBuild.from(state, Instant.now());
        if (!first.valid()) {
            throw new IllegalStateException("generated environment is invalid: " + first.problems().subList(0,
                    Math.min(5, first.problems().size())));
        }
        for (int i = 0; i < WARMUP_RUNS; i++) {
            SnapshotBuild.from(state, Instant.now());
        }

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        long[] allocated = new long[runs];
        long peakHeap = 0;
        SnapshotBuild build = first;
        for (int i = 0; i < runs; i++) {
            System.gc();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            build = SnapshotBuild.from(state, Instant.now());
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e6;
            allocated[i] = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            peakHeap = Math.max(peakHeap, heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
        }
        double[][] steps = stepTimes(state, runs, threads);

        System.out.printf("Snapshot compile (%s): %d flags, %d segments, %d runs after %d warm-up (JDK %s, %d CPUs,"
                        + " max heap %d MB)%n", profile.name().toLowerCase(Locale.ROOT), flags, segments, runs,
                WARMUP_RUNS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  wall time  median %.0f ms, min %.0f ms, max %.0f ms%n", median(wall), min(wall), max(wall));
        System.out.printf("  CPU time   median %.0f ms, min %.0f ms, max %.0f ms%n", median(cpu), min(cpu), max(cpu));
        System.out.printf("  CPU steps  assemble %.0f ms, tree %.0f ms, validate %.0f ms, seal + canonical write + gzip"
                + " %.0f ms (of which gzip %.0f ms) (medians)%n", median(steps[0]), median(steps[1]),
                median(steps[2]), median(steps[3]), median(steps[4]));
        System.out.printf("  raw JSON   %,d bytes (%.2f MB)%n", build.object().json().length,
                build.object().json().length / 1e6);
        System.out.printf("  gzipped    %,d bytes (%.2f MB)%n", build.object().gzip().length,
                build.object().gzip().length / 1e6);
        long[] sortedAllocated = allocated.clone();
        Arrays.sort(sortedAllocated);
        System.out.printf("  allocated  %.0f MB per build (median)%n", sortedAllocated[runs / 2] / 1e6);
        System.out.printf("  peak heap  %.0f MB (sum of heap pool peaks during a build, input state included)%n",
                peakHeap / 1e6);
    }

    /** CPU time of each step of {@link SnapshotBuild#from}, measured separately: [step][run]. */
    private static double[][] stepTimes(EnvironmentState state, int runs, com.sun.management.ThreadMXBean threads) {
        double[][] steps = new double[5][runs];
        for (int i = 0; i < runs; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            Snapshot snapshot = SnapshotAssembler.assemble(state, Instant.now());
            long t1 = threads.getCurrentThreadCpuTime();
            ObjectNode tree = SnapshotObject.treeOf(snapshot);
            long t2 = threads.getCurrentThreadCpuTime();
            Validator.validateSnapshot(tree, Validator.Mode.STRICT);
            long t3 = threads.getCurrentThreadCpuTime();
            SnapshotObject object = SnapshotObject.encode(snapshot, tree);
            long t4 = threads.getCurrentThreadCpuTime();
            ObjectEncoding.gzip(object.json());
            long t5 = threads.getCurrentThreadCpuTime();
            long[] marks = {t0, t1, t2, t3, t4, t5};
            for (int s = 0; s < 5; s++) {
                steps[s][i] = (marks[s + 1] - marks[s]) / 1e6;
            }
        }
        return steps;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
