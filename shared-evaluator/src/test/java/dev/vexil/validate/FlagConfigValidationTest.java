package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Variation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlagConfigValidationTest {

    /** A valid minimal configuration plus {@code extra} members. */
    private static String with(String extra) {
        return "{'on': true, 'fallthrough': {'variation': 0}" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private static String rule(String clauses) {
        return with("'rules': [{'id': 'r', 'clauses': [" + clauses + "], 'serve': {'variation': 0}}]");
    }

    private static String clause(String operator, String values) {
        return rule("{'attribute': 'a', 'operator': '" + operator + "', 'values': " + values + "}");
    }

    private static List<Problem> validate(String body) {
        return Validator.validateFlagConfig(Json.parse(body), Fixtures.CHECKOUT, Fixtures.scope());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // the document and its members
                Arguments.of("[]", "", "expected an object, got an array"),
                Arguments.of("'on'", "", "expected an object, got a string"),
                Arguments.of("{'fallthrough': {'variation': 0}}", "on", "required field is missing"),
                Arguments.of("{'on': 'yes', 'fallthrough': {'variation': 0}}", "on", "expected true or false, got a string"),
                Arguments.of("{'on': true}", "fallthrough", "required field is missing"),
                Arguments.of(with("'color': 'red'"), "color", "unknown field \"color\""),
                Arguments.of(with("'offVariation': 2"), "offVariation", "variation index 2 is out of range"),
                Arguments.of(with("'offVariation': -1"), "offVariation", "out of range"),
                Arguments.of(with("'offVariation': 1.5"), "offVariation", "expected a whole number, got the number 1.5"),
                Arguments.of(with("'salt': 7"), "salt", "expected a string, got the integer 7"),
                // targets
                Arguments.of(with("'targets': {}"), "targets", "expected an array, got an object"),
                Arguments.of(with("'targets': [{'variation': 5, 'keys': ['a']}]"), "targets[0].variation", "out of range"),
                Arguments.of(with("'targets': [{'keys': ['a']}]"), "targets[0].variation", "required field is missing"),
                Arguments.of(with("'targets': [{'variation': 0, 'keys': [1]}]"), "targets[0].keys[0]", "expected a non-empty context key string"),
                Arguments.of(with("'targets': [{'variation': 0, 'keys': ['a']}, {'variation': 1, 'keys': ['b', 'a']}]"),
                        "targets[1].keys[1]", "context key \"a\" is already targeted at targets[0].keys[0]"),
                Arguments.of(with("'targets': [{'variation': 0, 'keys': ['a'], 'contextKind': 'multi'}]"), "targets[0].contextKind", "reserved"),
                // prerequisites
                Arguments.of(with("'prerequisites': [{'flag': 'nope', 'variation': 0}]"), "prerequisites[0].flag", "unknown flag \"nope\""),
                Arguments.of(with("'prerequisites': [{'flag': 'new-checkout', 'variation': 0}]"), "prerequisites[0].flag", "cannot be its own prerequisite"),
                Arguments.of(with("'prerequisites': [{'flag': 'payments-v2', 'variation': 2}]"), "prerequisites[0].variation",
                        "flag \"payments-v2\" has 2 variations"),
                Arguments.of(with("'prerequisites': [{'flag': 'Payments', 'variation': 0}]"), "prerequisites[0].flag", "is invalid"),
                Arguments.of(with("'prerequisites': [{'flag': 'other', 'variation': 0}, {'flag': 'other', 'variation': 1}]"),
                        "prerequisites[1].flag", "already a prerequisite"),
                // rules
                Arguments.of(with("'rules': [{'clauses': [], 'serve': {'variation': 0}}]"), "rules[0].id", "required field is missing"),
                Arguments.of(with("'rules': [{'id': 'Bad Id', 'clauses': [], 'serve': {'variation': 0}}]"), "rules[0].id", "rule id \"Bad Id\" is invalid"),
                Arguments.of(with("'rules': [{'id': 'a', 'clauses': [], 'serve': {'variation': 0}}, {'id': 'a', 'clauses': [], 'serve': {'variation': 1}}]"),
                        "rules[1].id", "already used by rules[0]"),
                Arguments.of(with("'rules': [{'id': 'a', 'clauses': []}]"), "rules[0].serve", "required field is missing"),
                Arguments.of(with("'rules': [{'id': 'a', 'serve': {'variation': 0}}]"), "rules[0].clauses", "required field is missing"),
                Arguments.of(with("'rules': [{'id': 'a', 'clauses': [], 'serve': {'variation': 0}, 'priority': 1}]"), "rules[0].priority", "unknown field"),
                Arguments.of(rule("{'operator': 'in', 'values': ['x']}"), "rules[0].clauses[0].attribute", "required field is missing"),
                Arguments.of(rule("{'attribute': 'a', 'values': ['x']}"), "rules[0].clauses[0].operator", "required field is missing"),
                Arguments.of(rule("{'attribute': 'a', 'operator': 'in'}"), "rules[0].clauses[0].values", "required field is missing"),
                Arguments.of(clause("in", "[]"), "rules[0].clauses[0].values", "at least one value"),
                Arguments.of(clause("in", "'x'"), "rules[0].clauses[0].values", "expected an array, got a string"),
                Arguments.of(rule("{'attribute': 'a', 'operator': 'in', 'values': ['x'], 'negate': 'no'}"), "rules[0].clauses[0].negate", "expected true or false"),
                Arguments.of(rule("{'attribute': 'a', 'operator': 'in', 'values': ['x'], 'weight': 1}"), "rules[0].clauses[0].weight", "unknown field"),
                Arguments.of(rule("'not a clause'"), "rules[0].clauses[0]", "expected an object, got a string"),
                // operators
                Arguments.of(clause("fuzzy", "['x']"), "rules[0].clauses[0].operator", "unknown operator \"fuzzy\"; use one of in, startsWith"),
                Arguments.of(clause("in", "['x', [1]]"), "rules[0].clauses[0].values[1]", "expected a string, number or boolean for operator in, got an array"),
                Arguments.of(clause("in", "[null]"), "rules[0].clauses[0].values[0]", "got null"),
                Arguments.of(clause("startsWith", "[1]"), "rules[0].clauses[0].values[0]", "expected a string for operator startsWith"),
                Arguments.of(clause("endsWith", "[true]"), "rules[0].clauses[0].values[0]", "expected a string for operator endsWith"),
                Arguments.of(clause("contains", "[{}]"), "rules[0].clauses[0].values[0]", "expected a string for operator contains"),
                Arguments.of(clause("matches", "['ok.*', '(unclosed']"), "rules[0].clauses[0].values[1]", "invalid regular expression for operator matches"),
                Arguments.of(clause("matches", "['(a)\\\\1']"), "rules[0].clauses[0].values[0]", "invalid regular expression"),
                Arguments.of(clause("matches", "['ok', '((a{100}){100}){100}']"), "rules[0].clauses[0].values[1]",
                        "regular expression is too complex for operator matches: its repetitions expand to about 1000000 steps"),
                Arguments.of(clause("lessThan", "[1, '2']"), "rules[0].clauses[0].values[1]", "expected a number for operator lessThan"),
                Arguments.of(clause("greaterThanOrEqual", "['x']"), "rules[0].clauses[0].values[0]", "expected a number for operator greaterThanOrEqual"),
                Arguments.of(clause("before", "['2026-13-01T00:00:00Z']"), "rules[0].clauses[0].values[0]", "ISO-8601 date-time"),
                Arguments.of(clause("after", "['31/01/2026']"), "rules[0].clauses[0].values[0]", "got \"31/01/2026\""),
                Arguments.of(clause("after", "[1.5]"), "rules[0].clauses[0].values[0]", "epoch milliseconds for operator after"),
                Arguments.of(clause("semVerEqual", "['1.2.x']"), "rules[0].clauses[0].values[0]", "\"1.2.x\" is not a semantic version"),
                Arguments.of(clause("semVerLessThan", "['01.2.3']"), "rules[0].clauses[0].values[0]", "not a semantic version"),
                Arguments.of(clause("semVerGreaterThan", "[2]"), "rules[0].clauses[0].values[0]", "expected a semantic version string"),
                Arguments.of(clause("inCidr", "['10.0.0.0/']"), "rules[0].clauses[0].values[0]", "invalid CIDR prefix length in '10.0.0.0/' for operator inCidr"),
                Arguments.of(clause("inCidr", "['10.0.0.256/8']"), "rules[0].clauses[0].values[0]", "invalid CIDR range '10.0.0.256/8'"),
                Arguments.of(clause("inCidr", "['10.0.0.0/33']"), "rules[0].clauses[0].values[0]", "invalid CIDR prefix length in '10.0.0.0/33'"),
                Arguments.of(clause("inCidr", "['2001:db8::/129']"), "rules[0].clauses[0].values[0]", "invalid CIDR prefix length in '2001:db8::/129'"),
                Arguments.of(clause("inCidr", "['example.com/8']"), "rules[0].clauses[0].values[0]", "e.g. 10.0.0.0/8"),
                Arguments.of(clause("segmentMatch", "['beta-testers', 'ghosts']"), "rules[0].clauses[0].values[1]", "unknown segment \"ghosts\""),
                Arguments.of(clause("segmentMatch", "[3]"), "rules[0].clauses[0].values[0]", "expected a segment key"),
                // serve and rollouts
                Arguments.of("{'on': true, 'fallthrough': {}}", "fallthrough", "exactly one of variation"),
                Arguments.of("{'on': true, 'fallthrough': {'variation': 0, 'rollout': {'variations': [{'variation': 0, 'weight': 100000}]}}}",
                        "fallthrough", "not both"),
                Arguments.of("{'on': true, 'fallthrough': {'variation': 2}}", "fallthrough.variation", "variation index 2 is out of range: flag \"new-checkout\" has 2 variations"),
                Arguments.of("{'on': true, 'fallthrough': 1}", "fallthrough", "expected an object, got the integer 1"),
                Arguments.of("{'on': true, 'fallthrough': {'rollout': {'variations': [{'variation': 0, 'weight': 24000}, {'variation': 1, 'weight': 75000}]}}}",
                        "fallthrough.rollout.variations", "weights sum to 99000; they must sum to 100000"),
                Arguments.of("{'on': true, 'fallthrough': {'rollout': {'variations': [{'variation': 0, 'weight': -1}, {'variation': 1, 'weight': 100001}]}}}",
                        "fallthrough.rollout.variations[0].weight", "must be between 0 and 100000"),
                Arguments.of("{'on': true, 'fallthrough': {'rollout': {'variations': [{'variation': 3, 'weight': 100000}]}}}",
                        "fallthrough.rollout.variations[0].variation", "out of range"),
                Arguments.of("{'on': true, 'fallthrough': {'rollout': {'variations': []}}}", "fallthrough.rollout.variations", "at least one weighted variation"),
                Arguments.of("{'on': true, 'fallthrough': {'rollout': {'bucketBy': '', 'variations': [{'variation': 0, 'weight': 100000}]}}}",
                        "fallthrough.rollout.bucketBy", "must not be blank"),
                Arguments.of("{'on': true, 'fallthrough': {'rollout': {'variations': [{'variation': 0, 'weight': 100000, 'extra': 1}]}}}",
                        "fallthrough.rollout.variations[0].extra", "unknown field"),
                Arguments.of(with("'rules': [{'id': 'a', 'clauses': [], 'serve': {'rollout': {'variations': [{'variation': 0, 'weight': 50000}]}}}]"),
                        "rules[0].serve.rollout.variations", "weights sum to 50000"),
                // staleness
                Arguments.of(with("'staleness': {'maxAgeSeconds': 0, 'onStale': 'serveOff'}"), "staleness.maxAgeSeconds", "greater than 0"),
                Arguments.of(with("'staleness': {'maxAgeSeconds': 60, 'onStale': 'panic'}"), "staleness.onStale", "use serveLastKnown or serveOff"),
                Arguments.of(with("'staleness': {'onStale': 'serveOff'}"), "staleness.maxAgeSeconds", "required field is missing"),
                Arguments.of(with("'staleness': true"), "staleness", "expected an object"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("malformed")
    void malformedConfigIsReportedAtItsPath(String body, String path, String fragment) {
        List<Problem> problems = validate(body);
        Problems.assertHasProblem(problems, path, fragment);
    }

    @Test
    void theTableHasAtLeastThirtyCases() {
        assertThat(malformed().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void canonicalExampleOfIssue2IsValid() {
        assertThat(validate(Fixtures.CANONICAL_CONFIG)).isEmpty();
    }

    @Test
    void everyOperatorAcceptsWellFormedValues() {
        String[][] good = {
                {"in", "['x', 1, true, 2.5]"}, {"startsWith", "['a']"}, {"endsWith", "['a']"}, {"contains", "['']"},
                {"matches", "['^[a-z]+@example\\\\.com$', '^\\\\d{4}-\\\\d{2}-\\\\d{2}$', '(ab){1,1000}']"}, {"lessThan", "[1]"}, {"lessThanOrEqual", "[1.5]"},
                {"greaterThan", "[-3]"}, {"greaterThanOrEqual", "[0]"},
                {"before", "['2026-01-31T09:00:00Z', 1767225600000]"},
                {"after", "['2026-01-31T09:00:00.123+02:00', '2026-01-31T09:00:00', '2026-01-31']"},
                {"semVerEqual", "['1.2.3', '1.2', '1']"}, {"semVerLessThan", "['2.0.0-beta.1']"}, {"semVerGreaterThan", "['1.0.0+build.5']"},
                {"inCidr", "['10.0.0.0/8', '192.168.1.1', '::1', '192.168.1.1/32', '2001:db8::/32', '::ffff:10.0.0.0/104', '0.0.0.0/0']"},
                {"segmentMatch", "['beta-testers', 'staff']"}};
        for (String[] c : good) {
            assertThat(validate(clause(c[0], c[1]))).as(c[0]).isEmpty();
        }
    }

    @Test
    void oneBadValueAmongManyIsPinpointed() {
        assertThat(validate(clause("lessThan", "[1, 2, 'three', 4]")))
                .extracting(Problem::toString)
                .containsExactly("rules[0].clauses[0].values[2]: expected a number for operator lessThan, got a string");
    }

    @Test
    void variationRangeMessagesSayHowManyVariationsThereAre() {
        FlagDefinition one = new FlagDefinition("solo", "Solo", null, FlagType.STRING,
                List.of(new Variation(JsonNodeFactory.instance.textNode("x"), null)), List.of(), null, null);
        FlagDefinition none = new FlagDefinition("empty", "Empty", null, FlagType.STRING, List.of(), List.of(), null, null);
        String body = "{'on': true, 'fallthrough': {'variation': 1}}";
        assertThat(Validator.validateFlagConfig(Json.parse(body), one, null)).extracting(Problem::toString).containsExactly(
                "fallthrough.variation: variation index 1 is out of range: flag \"solo\" has 1 variation (index 0)");
        assertThat(Validator.validateFlagConfig(Json.parse(body), none, null)).extracting(Problem::toString).containsExactly(
                "fallthrough.variation: variation index 1 is out of range: flag \"empty\" has no variations");
    }

    @Test
    void segmentMatchNeedsNoAttribute() {
        assertThat(validate(rule("{'operator': 'segmentMatch', 'values': ['staff']}"))).isEmpty();
    }

    @Test
    void wrongJsonTypesAnywhereGiveProblemsNotExceptions() {
        String[] bodies = {"null", "1", "{'on': true, 'fallthrough': {'variation': 0}, 'rules': 'x'}",
                with("'rules': [1, null, [], {'id': 1, 'clauses': {}, 'serve': []}]"),
                with("'targets': [null, {'variation': 'x', 'keys': 'y'}]"),
                with("'prerequisites': [1, {'flag': 2, 'variation': []}]"),
                with("'rules': [{'id': 'a', 'clauses': [{'attribute': [], 'operator': {}, 'values': [], 'contextKind': 1}], 'serve': {'rollout': 5}}]"),
                "{'on': true, 'fallthrough': {'rollout': {'variations': [null, 7, {'variation': null, 'weight': 'x'}]}}}"};
        for (String body : bodies) {
            assertThat(validate(body)).as(body).isNotEmpty();
        }
        assertThat(Validator.validateFlagConfig(null, Fixtures.CHECKOUT, null))
                .containsExactly(new Problem("", "expected an object, got nothing"));
    }

    @Test
    void aPrerequisiteCycleThroughTheScopeIsReportedWithItsPath() {
        ValidationScope scope = ValidationScope.of(List.of(Fixtures.flag("a", 2, "b"), Fixtures.flag("b", 2, "new-checkout"),
                Fixtures.flag("c", 2, "c")), java.util.Set.of());
        List<Problem> problems = Validator.validateFlagConfig(
                Json.parse(with("'prerequisites': [{'flag': 'c', 'variation': 0}, {'flag': 'a', 'variation': 1}]")),
                Fixtures.CHECKOUT, scope);
        assertThat(problems).extracting(Problem::toString).containsExactly(
                "prerequisites[1].flag: prerequisite cycle: new-checkout → a → b → new-checkout; a flag cannot depend on itself");
    }

    @Test
    void limitsOnRulesClausesValuesAndTargets() {
        String manyRules = with("'rules': [" + String.join(",", java.util.Collections.nCopies(201,
                "{'id': 'r', 'clauses': [], 'serve': {'variation': 0}}")) + "]");
        assertThat(validate(manyRules)).contains(new Problem("rules", "too many rules: 201; at most 200 are allowed"));

        String manyClauses = rule(String.join(",", java.util.Collections.nCopies(51,
                "{'attribute': 'a', 'operator': 'in', 'values': ['x']}")));
        assertThat(validate(manyClauses)).containsExactly(
                new Problem("rules[0].clauses", "too many clauses in this rule: 51; at most 50 are allowed"));

        StringBuilder values = new StringBuilder("[");
        for (int i = 0; i <= 1000; i++) {
            values.append(i == 0 ? "" : ",").append(i);
        }
        assertThat(validate(clause("in", values + "]"))).containsExactly(
                new Problem("rules[0].clauses[0].values", "too many values in this clause: 1001; at most 1000 are allowed"));

        StringBuilder keys = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            keys.append(i == 0 ? "" : ",").append("'k").append(i).append("'");
        }
        assertThat(validate(with("'targets': [{'variation': 0, 'keys': [" + keys + "]}]")))
                .extracting(Problem::path).containsExactly("targets");
    }

    @Test
    void exactlyTheLimitsAreAccepted() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            keys.append(i == 0 ? "" : ",").append("'k").append(i).append("'");
        }
        assertThat(validate(with("'targets': [{'variation': 0, 'keys': [" + keys + "]}]"))).isEmpty();
    }

    @Test
    void canonicalSizeLimit() {
        String big = "x".repeat(1000);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 140; i++) {
            values.append(i == 0 ? "" : ",").append("'").append(big).append(i).append("'");
        }
        List<Problem> problems = validate(clause("in", "[" + values + "]"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).startsWith("flag configuration is ").contains("the limit is 131072 bytes");
        });
    }

    @Test
    void theCanonicalExampleInAnEmptyEnvironmentNamesTheMissingFlagAndSegment() {
        JsonNode body = Json.parse(Fixtures.CANONICAL_CONFIG);
        assertThat(Validator.validateFlagConfig(body, Fixtures.CHECKOUT, ValidationScope.empty()))
                .extracting(Problem::path)
                .containsExactlyInAnyOrder("prerequisites[0].flag", "rules[1].clauses[0].values[0]");
    }
}
