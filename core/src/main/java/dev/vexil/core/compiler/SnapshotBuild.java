package dev.vexil.core.compiler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.sign.SnapshotSigner;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotSigning;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Instant;
import java.util.List;

/**
 * The CPU part of a compile: assemble the state into a snapshot, validate it strictly, sign it, seal it and encode it
 * (canonical JSON, gzip). Either {@code object} is set (valid) or {@code problems} say why the state is refused.
 * Shared by {@link SnapshotCompiler} and the compile benchmark.
 */
public record SnapshotBuild(SnapshotObject object, List<Problem> problems) {

    public SnapshotBuild {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** An unsigned build (tests, benchmarks); the compiler signs with {@link #from(EnvironmentState, Instant, SnapshotSigner)}. */
    public static SnapshotBuild from(EnvironmentState state, Instant generatedAt) {
        return from(state, generatedAt, null);
    }

    /** As {@link #from(EnvironmentState, Instant)}, signed by {@code signer} (null: unsigned) before sealing. */
    public static SnapshotBuild from(EnvironmentState state, Instant generatedAt, SnapshotSigner signer) {
        Snapshot snapshot = SnapshotAssembler.assemble(state, generatedAt);
        ObjectNode tree = SnapshotObject.treeOf(snapshot); // one tree, validated and then encoded
        List<Problem> problems = Validator.validateSnapshot(tree, Validator.Mode.STRICT);
        if (!problems.isEmpty()) {
            return new SnapshotBuild(null, problems);
        }
        ObjectNode published = signer == null ? tree : SnapshotSigning.signed(tree, signer::sign);
        return new SnapshotBuild(SnapshotObject.encode(snapshot, published), List.of());
    }

    public boolean valid() {
        return object != null;
    }
}
