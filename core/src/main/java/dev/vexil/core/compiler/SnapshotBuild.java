package dev.vexil.core.compiler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.sign.SnapshotSigner;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.MalformedFlag;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotSigning;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Instant;
import java.util.List;

/**
 * The CPU part of a compile: assemble the state into a snapshot, validate it strictly, contain broken flags, sign
 * it, seal it and encode it (canonical JSON, gzip). Either {@code object} is set or {@code problems} say why the state
 * is refused. A flag that fails validation does not refuse the state: it is published marked in
 * {@code malformedFlags} (also listed in {@code malformed}), and SDKs serve it as ERROR / MALFORMED_FLAG. Only
 * problems outside every flag refuse the whole state. With a {@link SnapshotSigner}, the published document is signed
 * after validation and before sealing (docs/snapshot-format.md, "Signature"). Shared by {@link SnapshotCompiler}, the
 * admin API's size check and the compile benchmark.
 */
public record SnapshotBuild(SnapshotObject object, List<Problem> problems, List<MalformedFlag> malformed) {

    public SnapshotBuild {
        problems = problems == null ? List.of() : List.copyOf(problems);
        malformed = malformed == null ? List.of() : List.copyOf(malformed);
    }

    /** An unsigned build (tests, benchmarks); the compiler signs with {@link #from(EnvironmentState, Instant, SnapshotSigner)}. */
    public static SnapshotBuild from(EnvironmentState state, Instant generatedAt) {
        return from(state, generatedAt, null);
    }

    /** As {@link #from(EnvironmentState, Instant)}, signed by {@code signer} (null: unsigned) before sealing. */
    public static SnapshotBuild from(EnvironmentState state, Instant generatedAt, SnapshotSigner signer) {
        return of(SnapshotAssembler.assemble(state, generatedAt), signer);
    }

    /** Validates, contains and encodes an assembled snapshot, unsigned (the admin API's size check). */
    public static SnapshotBuild of(Snapshot assembled) {
        return of(assembled, null);
    }

    /** Validates, contains, signs ({@code signer} null: unsigned) and encodes an assembled snapshot. */
    public static SnapshotBuild of(Snapshot assembled, SnapshotSigner signer) {
        ObjectNode tree = SnapshotObject.treeOf(assembled); // one tree, validated and then encoded
        List<Problem> problems = Validator.validateSnapshot(tree, Validator.Mode.STRICT);
        if (problems.isEmpty()) {
            return new SnapshotBuild(SnapshotObject.encode(assembled, signed(tree, signer)), List.of(), List.of());
        }
        List<MalformedFlag> marks = Containment.marks(assembled, problems);
        if (marks == null) {
            return new SnapshotBuild(null, problems, List.of());
        }
        Snapshot marked = assembled.withMalformedFlags(marks);
        ObjectNode markedTree = SnapshotObject.treeOf(marked);
        List<Problem> left = Validator.validateSnapshot(markedTree, Validator.Mode.STRICT);
        if (!left.isEmpty()) {
            return new SnapshotBuild(null, left, List.of());
        }
        return new SnapshotBuild(SnapshotObject.encode(marked, signed(markedTree, signer)), List.of(),
                marked.malformedFlags());
    }

    /**
     * The snapshot as the compiler would publish it, broken flags marked (as assembled when nothing is broken or
     * when the state cannot be published at all), without encoding it: the dry-run evaluates this, so that its
     * answers equal the SDK's.
     */
    public static Snapshot contained(Snapshot assembled) {
        List<Problem> problems = Validator.validateSnapshot(SnapshotObject.treeOf(assembled), Validator.Mode.STRICT);
        List<MalformedFlag> marks = problems.isEmpty() ? null : Containment.marks(assembled, problems);
        return marks == null ? assembled : assembled.withMalformedFlags(marks);
    }

    private static ObjectNode signed(ObjectNode tree, SnapshotSigner signer) {
        return signer == null ? tree : SnapshotSigning.signed(tree, signer::sign);
    }

    public boolean valid() {
        return object != null;
    }
}
