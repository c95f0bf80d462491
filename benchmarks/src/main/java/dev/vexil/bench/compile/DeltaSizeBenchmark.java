package dev.vexil.bench.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.compiler.SnapshotBuild;
import dev.vexil.core.sign.KeyPairSnapshotSigner;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.Flag;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotDelta;
import dev.vexil.wire.ObjectEncoding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Bytes on the wire for a one-flag change (a main, not JMH; docs/benchmarks.md, "Deltas"): builds an environment
 * (default 10,000 flags and 1,000 segments, the compile benchmark's generator), signed as the compiler signs it,
 * then the next version with one flag turned off, and prints the gzip sizes of the whole new snapshot and of the
 * delta between the two, exactly as the compiler stores them ({@code ObjectEncoding.gzip}). It also applies the
 * delta and checks the result is the new snapshot byte for byte, signature included.
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.vexil.bench.compile.DeltaSizeBenchmark
 * [typical|heavy] [flags] [segments]}. Target: the delta &le; 2 KB gzipped.
 */
public final class DeltaSizeBenchmark {
    private DeltaSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LargeEnvironment.Profile profile = args.length > 0
                ? LargeEnvironment.Profile.valueOf(args[0].toUpperCase(Locale.ROOT)) : LargeEnvironment.Profile.TYPICAL;
        int flags = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int segments = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        KeyPairSnapshotSigner signer = new KeyPairSnapshotSigner(SigningKeys.generate());

        EnvironmentState before = LargeEnvironment.generate(flags, segments, profile);
        EnvironmentState after = withOneFlagToggled(before, flags / 2);
        byte[] from = build(before, Instant.parse("2026-12-03T19:00:00Z"), signer);
        byte[] to = build(after, Instant.parse("2026-12-03T19:00:05Z"), signer);

        JsonNode fromTree = SnapshotCodec.readVerifiedTree(from);
        byte[] delta = SnapshotDelta.write(SnapshotDelta.between(fromTree, SnapshotCodec.readVerifiedTree(to)));
        if (!Arrays.equals(SnapshotDelta.apply(fromTree, SnapshotDelta.read(delta)), to)) {
            throw new IllegalStateException("the delta does not rebuild the new snapshot");
        }
        System.out.printf("One-flag change, %s profile, %,d flags, %,d segments, signed:%n", profile, flags, segments);
        System.out.printf("| object | JSON bytes | gzip bytes |%n|---|---|---|%n");
        System.out.printf("| whole snapshot (v%d) | %,d | %,d |%n", after.changeCounter(), to.length,
                ObjectEncoding.gzip(to).length);
        System.out.printf("| delta v%d -> v%d | %,d | %,d |%n", before.changeCounter(), after.changeCounter(),
                delta.length, ObjectEncoding.gzip(delta).length);
    }

    private static byte[] build(EnvironmentState state, Instant at, KeyPairSnapshotSigner signer) {
        SnapshotBuild build = SnapshotBuild.from(state, at, signer);
        if (!build.valid()) {
            throw new IllegalStateException("generated environment is invalid: " + build.problems());
        }
        return build.object().json();
    }

    /** The next version of the environment: flag {@code index} switched off (its version raised), nothing else. */
    private static EnvironmentState withOneFlagToggled(EnvironmentState state, int index) {
        List<Flag> flags = new ArrayList<>(state.flags());
        Flag f = flags.get(index);
        flags.set(index, new Flag(f.key(), f.type(), f.variations(), f.version() == null ? 1 : f.version() + 1,
                !f.on(), f.offVariation() == null ? 0 : f.offVariation(), f.salt(), f.targets(), f.prerequisites(),
                f.rules(), f.fallthrough(), f.staleness()));
        return new EnvironmentState(state.project(), state.environment(), state.changeCounter() + 1, flags,
                state.segments());
    }
}
