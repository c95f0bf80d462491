package dev.vexil.core.compiler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.MalformedFlag;
import dev.vexil.model.Snapshot;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Instant;
import java.util.List;

/**
 * The CPU part of a compile: assemble the state into a snapshot, validate it strictly, contain broken flags, seal it
 * and encode it (canonical JSON, gzip). Either {@code object} is set or {@code problems} say why the state is refused.
 * A flag that fails validation does not refuse the state: it is published marked in {@code malformedFlags} (also
 * listed in {@code malformed}), and SDKs serve it as ERROR / MALFORMED_FLAG. Only problems outside every flag refuse
 * the whole state. Shared by {@link SnapshotCompiler}, the admin API's size check and the compile benchmark.
 */
public record SnapshotBuild(SnapshotObject object, List<Problem> problems, List<MalformedFlag> malformed) {

    public SnapshotBuild {
        problems = problems == null ? List.of() : List.copyOf(problems);
        malformed = malformed == null ? List.of() : List.copyOf(malformed);
    }

    public static SnapshotBuild from(EnvironmentState state, Instant generatedAt) {
        return of(SnapshotAssembler.assemble(state, generatedAt));
    }

    /** Validates, contains and encodes an assembled snapshot. */
    public static SnapshotBuild of(Snapshot assembled) {
        ObjectNode tree = SnapshotObject.treeOf(assembled); // one tree, validated and then encoded
        List<Problem> problems = Validator.validateSnapshot(tree, Validator.Mode.STRICT);
        if (problems.isEmpty()) {
            return new SnapshotBuild(SnapshotObject.encode(assembled, tree), List.of(), List.of());
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
        return new SnapshotBuild(SnapshotObject.encode(marked, markedTree), List.of(), marked.malformedFlags());
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

    public boolean valid() {
        return object != null;
    }
}
