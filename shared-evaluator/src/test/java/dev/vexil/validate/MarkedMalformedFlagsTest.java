package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.EvaluationResult;
import dev.vexil.eval.ReasonKind;
import dev.vexil.model.Flag;
import dev.vexil.model.MalformedFlag;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A snapshot whose broken flags the compiler marked in {@code malformedFlags}: loadable, and only they fail. */
class MarkedMalformedFlagsTest {
    private static final Context USER = Context.builder("u").build();

    /** a ↔ b form a prerequisite cycle; c depends on a; d stands alone. */
    private static Snapshot withCycle(List<MalformedFlag> marks) {
        List<Flag> flags = List.of(Fixtures.flag("a", 2, "b"), Fixtures.flag("b", 2, "a"), Fixtures.flag("c", 2, "a"),
                Fixtures.flag("d", 2));
        return new Snapshot(1, "shop", "production", 9, "2026-12-01T19:00:00Z", flags, List.of(), marks, null);
    }

    private static List<MalformedFlag> marks(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> new MalformedFlag(k,
                List.of(new MalformedFlag.FlagProblem("prerequisites[0].flag", "prerequisite cycle: a → b → a")))).toList();
    }

    @Test
    void unmarkedBrokenFlagsStillFailBothModes() {
        assertThat(Validator.validateSnapshot(withCycle(List.of()), Validator.Mode.STRICT)).isNotEmpty();
        assertThat(Validator.validateSnapshot(withCycle(List.of()), Validator.Mode.LENIENT)).isNotEmpty();
    }

    @Test
    void markedBrokenFlagsPassBothModes() {
        Snapshot marked = withCycle(marks("a", "b"));
        assertThat(Validator.validateSnapshot(marked, Validator.Mode.STRICT)).isEmpty();
        assertThat(Validator.validateSnapshot(marked, Validator.Mode.LENIENT)).isEmpty();
    }

    @Test
    void aMarkMustNameAFlagOnceAndInOrder() {
        Snapshot unknown = withCycle(List.of(marks("a", "b").get(0), marks("b").get(0), marks("zz").get(0)));
        assertThat(Validator.validateSnapshot(unknown, Validator.Mode.STRICT)).extracting(Problem::toString)
                .containsExactly("malformedFlags[2].key: names flag \"zz\", which is not in flags");
        ObjectNode tree = SnapshotCodec.mapper().valueToTree(withCycle(marks("a", "b")));
        tree.withArray("malformedFlags").insert(0, tree.withArray("malformedFlags").get(1).deepCopy());
        assertThat(Validator.validateSnapshot(tree, Validator.Mode.STRICT)).extracting(Problem::toString)
                .containsExactly("malformedFlags[1].key: flag \"a\" is out of order: malformedFlags must be sorted by key",
                        "malformedFlags[2].key: flag \"b\" is listed twice");
        assertThat(Validator.validateSnapshot(tree, Validator.Mode.LENIENT)).extracting(Problem::toString)
                .containsExactly("malformedFlags[2].key: flag \"b\" is listed twice");
        ((ObjectNode) tree.withArray("malformedFlags").get(0)).remove("problems");
        assertThat(Validator.validateSnapshot(tree, Validator.Mode.LENIENT)).extracting(Problem::path)
                .contains("malformedFlags[0].problems");
    }

    @Test
    void theSdkServesAMarkedFlagAsMalformedAndTheOthersNormally() throws Exception {
        Snapshot sealed = SnapshotCodec.read(SnapshotCodec.write(SnapshotCodec.seal(withCycle(marks("a", "b")))));
        assertThat(sealed.malformedFlags()).extracting(MalformedFlag::key).containsExactly("a", "b");
        CompiledEnvironment env = CompiledEnvironment.compile(sealed);

        EvaluationResult a = env.evaluate("a", USER);
        assertThat(a.reason().kind()).isEqualTo(ReasonKind.ERROR);
        assertThat(a.reason().errorKind()).isEqualTo(ErrorKind.MALFORMED_FLAG);
        assertThat(a.reason().note()).contains("marked malformed by the compiler").contains("a → b → a");
        assertThat(env.evaluate("c", USER).reason().kind()).as("c depends on a: its prerequisite fails")
                .isEqualTo(ReasonKind.PREREQUISITE_FAILED);
        assertThat(env.evaluate("d", USER).reason().kind()).isNotEqualTo(ReasonKind.ERROR);
        assertThat(env.evaluate("missing", USER).reason().errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
    }

    @Test
    void aMarkTurnsAFlagTheEvaluatorCouldServeIntoMalformedWhileItsOffPathStillServes() {
        Snapshot marked = new Snapshot(1, "shop", "production", 9, "2026-12-01T19:00:00Z",
                List.of(Fixtures.flag("d", 2)), List.of(), List.of(new MalformedFlag("d",
                List.of(new MalformedFlag.FlagProblem("rules[0].clauses[0].values[0]", "unknown segment \"gone\"")))),
                null);
        EvaluationResult on = CompiledEnvironment.compile(marked).evaluate("d", USER);
        assertThat(on.reason().errorKind()).isEqualTo(ErrorKind.MALFORMED_FLAG);
        assertThat(on.reason().note()).contains("unknown segment \"gone\"");

        EvaluationResult killed = CompiledEnvironment.compile(marked, Set.of("d"), "kill list").evaluate("d", USER);
        assertThat(killed.reason().kind()).isEqualTo(ReasonKind.OFF);
    }

    @Test
    void aSnapshotWithoutMarksEncodesExactlyAsBefore() {
        String json = new String(SnapshotCodec.write(SnapshotCodec.seal(withCycle(List.of()))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("malformedFlags");
    }
}
