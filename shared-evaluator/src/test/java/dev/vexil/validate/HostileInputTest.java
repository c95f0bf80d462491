package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.model.Flag;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Inputs built to break a validator: huge numbers, long prerequisite chains, many cycles, many variations. */
class HostileInputTest {

    private static String key(int i) {
        return String.format("f%06d", i);
    }

    @Test
    void aLongPrerequisiteChainEndingInACycleIsReportedOnceWithoutOverflowingTheStack() {
        int n = 10_000;
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // f0 → f1 → … → f(n-1) → f(n-2): one cycle at the end of a long chain
            flags.add(Fixtures.flag(key(i), 2, i == n - 1 ? key(n - 2) : key(i + 1)));
        }
        Snapshot snapshot = new Snapshot(1, "p", "e", 1, "2026-01-01T00:00:00Z", flags, List.of(), null);
        assertThat(Validator.validateSnapshot(snapshot, Validator.Mode.STRICT)).extracting(Problem::toString)
                .containsExactly("flags[9998].prerequisites[0].flag: prerequisite cycle: f009998 → f009999 → f009998;"
                        + " a flag cannot depend on itself (flag \"f009998\")");
    }

    @Test
    void aCycleFarDownTheScopeIsFoundForASingleConfiguration() {
        int n = 20_000;
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flags.add(Fixtures.flag(key(i), 2, i == n - 1 ? "new-checkout" : key(i + 1)));
        }
        List<Problem> problems = Validator.validateFlagConfig(Json.parse("{'on': true, 'fallthrough': {'variation': 0},"
                + " 'prerequisites': [{'flag': 'f000000', 'variation': 0}]}"), Fixtures.CHECKOUT,
                ValidationScope.of(flags, Set.of()));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("prerequisites[0].flag");
            assertThat(p.message()).startsWith("prerequisite cycle: new-checkout → f000000 → f000001 → ")
                    .contains("f019999 → new-checkout;");
        });
    }

    @Test
    void separateCyclesAreEachReportedOnce() {
        Snapshot snapshot = new Snapshot(1, "p", "e", 1, "2026-01-01T00:00:00Z", List.of(
                Fixtures.flag("a", 2, "b"), Fixtures.flag("b", 2, "a"), Fixtures.flag("c", 2, "d"),
                Fixtures.flag("d", 2, "e"), Fixtures.flag("e", 2, "c"), Fixtures.flag("f", 2, "a")), List.of(), null);
        assertThat(Validator.validateSnapshot(snapshot, Validator.Mode.LENIENT)).extracting(Problem::path)
                .containsExactly("flags[0].prerequisites[0].flag", "flags[2].prerequisites[0].flag");
    }

    @Test
    void numbersTooLargeForADoubleAreProblemsNotExceptions() {
        List<Problem> definition = Validator.validateFlagDefinition(Json.parse(
                "{'key': 'f', 'name': 'F', 'type': 'number', 'variations': [{'value': 1e400}, {'value': -1e400}, {'value': 1}]}"));
        assertThat(definition).extracting(Problem::toString).containsExactly(
                "variations[0].value: number is too large: it does not fit a 64-bit floating point value",
                "variations[1].value: number is too large: it does not fit a 64-bit floating point value");
        List<Problem> config = Validator.validateFlagConfig(Json.parse("{'on': true, 'fallthrough': {'variation': 1e999},"
                + " 'rules': [{'id': 'r', 'clauses': [{'attribute': 'a', 'operator': 'lessThan', 'values': [2e400]}],"
                + " 'serve': {'variation': 0}}]}"), Fixtures.CHECKOUT, null);
        assertThat(config).extracting(Problem::path).containsExactlyInAnyOrder("fallthrough.variation",
                "fallthrough.variation", "rules[0].clauses[0].values[0]");
    }

    @Test
    void theCodecRefusesNumbersWithNoJsonForm() {
        String json = new String(SnapshotCodec.write(new Snapshot(1, "p", "e", 1, "2026-01-01T00:00:00Z", List.of(),
                List.of(), null)), StandardCharsets.UTF_8).replace("\"version\":1", "\"version\":1,\"x\":1e400");
        assertThatThrownBy(() -> SnapshotCodec.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessage("snapshot has a number too large for a 64-bit floating point value at x");
    }

    @Test
    void manyVariationsAreCheckedForDistinctValuesInOnePass() {
        StringBuilder vs = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            vs.append(i == 0 ? "" : ",").append("{'value': ").append(i % 10_000).append(i % 2 == 0 ? "" : ".0").append('}');
        }
        List<Problem> problems = Validator.validateFlagDefinition(Json.parse(
                "{'key': 'f', 'name': 'F', 'type': 'number', 'variations': [" + vs + "]}"));
        assertThat(problems).hasSize(1 + 10_000);
        assertThat(problems.get(0).toString()).isEqualTo("variations: too many variations: 20000; at most 100 are allowed");
        assertThat(problems.get(1).toString()).isEqualTo(
                "variations[10000].value: duplicates the value of variations[0]; variation values must be distinct");
    }
}
