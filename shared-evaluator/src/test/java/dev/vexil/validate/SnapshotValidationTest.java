package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.Segment;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotValidationTest {

    private static Flag checkout() throws Exception {
        FlagConfig config = SnapshotCodec.mapper().treeToValue(Json.parse(Fixtures.CANONICAL_CONFIG), FlagConfig.class);
        return Flag.of(Fixtures.CHECKOUT, config, 3L);
    }

    private static Snapshot snapshot(List<Flag> flags, List<Segment> segments) {
        return new Snapshot(1, "shop", "production", 9, "2026-12-01T19:00:00Z", flags, segments, null);
    }

    private static Snapshot valid() throws Exception {
        return snapshot(List.of(checkout(), Fixtures.flag("payments-v2", 2)),
                List.of(new Segment("beta-testers", List.of("carol"), List.of(), List.of(), null)));
    }

    private static ObjectNode tree(Snapshot s) {
        return SnapshotCodec.mapper().valueToTree(s);
    }

    @Test
    void aConsistentEnvironmentPassesInBothModes() throws Exception {
        assertThat(Validator.validateSnapshot(valid(), Validator.Mode.STRICT)).isEmpty();
        assertThat(Validator.validateSnapshot(valid(), Validator.Mode.LENIENT)).isEmpty();
        assertThat(Validator.validateSnapshot(SnapshotCodec.seal(valid()), Validator.Mode.STRICT)).isEmpty();
    }

    @Test
    void problemsInsideAFlagArePrefixedAndNameTheFlag() throws Exception {
        ObjectNode doc = tree(valid());
        ((ObjectNode) doc.at("/flags/0/rules/0/clauses/0")).put("operator", "lessThan");
        assertThat(Validator.validateSnapshot(doc, Validator.Mode.STRICT)).extracting(Problem::toString).containsExactly(
                "flags[0].rules[0].clauses[0].values[0]: expected a number for operator lessThan, got a string"
                        + " (flag \"new-checkout\")",
                "flags[0].rules[0].clauses[0].values[1]: expected a number for operator lessThan, got a string"
                        + " (flag \"new-checkout\")");
    }

    @Test
    void unknownOperatorsAreRejectedInStrictAndAcceptedInLenientMode() throws Exception {
        ObjectNode doc = tree(valid());
        ((ObjectNode) doc.at("/flags/0/rules/0/clauses/0")).put("operator", "fuzzyMatch");
        assertThat(Validator.validateSnapshot(doc, Validator.Mode.STRICT)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("flags[0].rules[0].clauses[0].operator");
            assertThat(p.message()).startsWith("unknown operator \"fuzzyMatch\"").endsWith("(flag \"new-checkout\")");
        });
        assertThat(Validator.validateSnapshot(doc, Validator.Mode.LENIENT)).isEmpty();
    }

    @Test
    void unknownFieldsAreAllowedInSnapshots() throws Exception {
        ObjectNode doc = tree(valid());
        doc.put("future", 1);
        ((ObjectNode) doc.at("/flags/0")).put("future", 1);
        ((ObjectNode) doc.at("/flags/0/rules/0")).put("future", 1);
        ((ObjectNode) doc.at("/segments/0")).put("future", 1);
        assertThat(Validator.validateSnapshot(doc, Validator.Mode.STRICT)).isEmpty();
    }

    @Test
    void unknownSegmentsAndPrerequisitesAreFound() throws Exception {
        Snapshot s = snapshot(List.of(checkout()), List.of());
        assertThat(Validator.validateSnapshot(s, Validator.Mode.LENIENT)).extracting(Problem::toString).containsExactly(
                "flags[0].prerequisites[0].flag: unknown flag \"payments-v2\"; a prerequisite must be a flag of this"
                        + " environment (flag \"new-checkout\")",
                "flags[0].rules[1].clauses[0].values[0]: unknown segment \"beta-testers\"; create it in this"
                        + " environment first or remove it (flag \"new-checkout\")");
    }

    @Test
    void aPrerequisiteCycleAcrossFlagsIsReportedOnce() {
        Snapshot s = snapshot(List.of(Fixtures.flag("a", 2, "c"), Fixtures.flag("b", 2, "a"), Fixtures.flag("c", 2, "b")),
                List.of());
        assertThat(Validator.validateSnapshot(s, Validator.Mode.STRICT)).extracting(Problem::toString).containsExactly(
                "flags[0].prerequisites[0].flag: prerequisite cycle: a → c → b → a; a flag cannot depend on itself"
                        + " (flag \"a\")");
    }

    @Test
    void flagsAndSegmentsMustBeUniqueAndSorted() {
        Snapshot s = snapshot(List.of(Fixtures.flag("b", 2), Fixtures.flag("a", 2), Fixtures.flag("b", 2)),
                List.of(new Segment("y", List.of(), List.of(), List.of(), null),
                        new Segment("x", List.of(), List.of(), List.of(), null)));
        assertThat(Validator.validateSnapshot(s, Validator.Mode.STRICT)).extracting(Problem::toString).containsExactly(
                "segments[1]: segment \"x\" is out of order: segments must be sorted by key, and it comes before \"y\"",
                "flags[1]: flag \"a\" is out of order: flags must be sorted by key, and it comes before \"b\"",
                "flags[2]: duplicate flag key \"b\" (also at flags[0]); each key may appear once");
        assertThat(Validator.validateSnapshot(s, Validator.Mode.LENIENT)).extracting(Problem::path)
                .containsExactly("flags[2]");
    }

    @Test
    void theEnvelopeIsChecked() throws Exception {
        ObjectNode doc = tree(valid());
        doc.put("schemaVersion", 2).put("environment", "Prod").put("version", -1).put("generatedAt", "yesterday");
        doc.remove("project");
        assertThat(Validator.validateSnapshot(doc, Validator.Mode.LENIENT)).extracting(Problem::path)
                .containsExactly("schemaVersion", "environment", "version", "generatedAt");
        assertThat(Validator.validateSnapshot(Json.parse("[]"), Validator.Mode.STRICT))
                .containsExactly(new Problem("", "expected an object, got an array"));
    }

    @Test
    void wrongTypesInsideASnapshotTreeAreProblemsNotExceptions() throws Exception {
        ObjectNode doc = tree(valid());
        ((ArrayNode) doc.get("flags")).add(7).addObject().put("key", 5);
        ((ArrayNode) doc.get("segments")).addNull();
        ((ObjectNode) doc.at("/flags/0")).put("variations", "none").put("type", "colour");
        List<Problem> problems = Validator.validateSnapshot(doc, Validator.Mode.STRICT);
        assertThat(problems).extracting(Problem::path).contains("flags[0].type", "flags[0].variations", "flags[2]",
                "flags[3].key", "segments[1]");
        JsonNode noLists = Json.parse("{'schemaVersion': 1, 'environment': 'e', 'version': 1, 'generatedAt': '2026-01-01T00:00:00Z'}");
        assertThat(Validator.validateSnapshot(noLists, Validator.Mode.STRICT)).extracting(Problem::path)
                .containsExactly("segments", "flags");
    }

    @Test
    void segmentProblemsArePrefixed() throws Exception {
        Snapshot s = snapshot(List.of(), List.of(new Segment("s", List.of("a"), List.of("a"), List.of(), null)));
        assertThat(Validator.validateSnapshot(s, Validator.Mode.STRICT)).extracting(Problem::toString).containsExactly(
                "segments[0].included[0]: context key \"a\" is both included and excluded; excluded wins, so remove it"
                        + " from one list (segment \"s\")");
    }
}
