package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.clause.Operator;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The validator must never accept a clause value the evaluator cannot use: the server validates before publishing,
 * so anything it lets through has to work in every SDK. (The validator may be stricter: see STRICTER.)
 */
class EvaluatorAgreementTest {
    /** Every operator with a matcher; segmentMatch, whose values name segments, has its own test below. */
    private static final String[] OPERATORS = Arrays.stream(Operator.values())
            .filter(operator -> operator != Operator.SEGMENT_MATCH).map(Operator::wireName).toArray(String[]::new);
    private static final String[] VALUES = {"'x'", "''", "1", "-2.5", "true", "null", "[]", "{}", "'^a.*$'", "'(a'",
            "'a{1001}'", "'((a{100}){100}){100}'", "'2026-01-31T09:00:00Z'", "'2026-01-31T09:00:00.5+02:00'",
            "'2026-01-31T09:00'", "'2026-01-31'", "'31/01/2026'", "'2026-02-30'", "1767225600000", "1.5e12",
            "'1.2.3'", "'1.2'", "'1'", "'v1.2.3'", "'01.2.3'", "'1.2.3-beta.01'", "'1.2.3+build'", "'1.2.3-'",
            "'10.0.0.0/8'", "'10.0.0.1'", "'10.0.0.0/33'", "'10.0.0.256/8'", "'010.0.0.1/8'", "'::1'",
            "'2001:db8::/32'", "'2001:db8::/129'", "'::ffff:10.0.0.1/128'", "'fe80::1%eth0'", "'example.com'",
            "'10.0.0.0/'", "'10.0.0.0/08'"};
    /** Values the evaluator copes with but the validator refuses on purpose (fractional epoch millis, huge regexes). */
    private static final Set<String> STRICTER = Set.of("before 1.5e12", "after 1.5e12", "before -2.5", "after -2.5",
            "matches '((a{100}){100}){100}'");

    @Test
    void everyValueTheValidatorAcceptsTheEvaluatorCanUse() {
        List<String> disagreements = new ArrayList<>();
        Set<String> operatorsAcceptingSomething = new HashSet<>();
        int accepted = 0;
        for (String operator : OPERATORS) {
            for (String value : VALUES) {
                JsonNode v = Json.parse(value);
                String config = "{'on': true, 'fallthrough': {'variation': 0}, 'rules': [{'id': 'r', 'clauses':"
                        + " [{'attribute': 'a', 'operator': '" + operator + "', 'values': [" + value + "]}],"
                        + " 'serve': {'variation': 1}}]}";
                boolean validatorAccepts = Validator.validateFlagConfig(Json.parse(config), Fixtures.CHECKOUT,
                        ValidationScope.empty()).isEmpty();
                boolean evaluatorUses = evaluatorCanUse(operator, v);
                String name = operator + " " + value;
                if (validatorAccepts && !evaluatorUses) {
                    disagreements.add("validator accepts but evaluator cannot use: " + name);
                } else if (!validatorAccepts && evaluatorUses && !STRICTER.contains(name)) {
                    disagreements.add("validator refuses but evaluator uses: " + name);
                }
                accepted += validatorAccepts ? 1 : 0;
                if (validatorAccepts) {
                    operatorsAcceptingSomething.add(operator);
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(accepted).as("some values are accepted").isGreaterThan(OPERATORS.length);
        assertThat(operatorsAcceptingSomething).as("VALUES holds a good value for every operator")
                .containsExactlyInAnyOrder(OPERATORS);
    }

    @Test
    void segmentReferencesAgreeToo() {
        JsonNode config = Json.parse("{'on': true, 'fallthrough': {'variation': 0}, 'rules': [{'id': 'r', 'clauses':"
                + " [{'operator': 'segmentMatch', 'values': ['ghosts']}], 'serve': {'variation': 1}}]}");
        assertThat(Validator.validateFlagConfig(config, Fixtures.CHECKOUT, Fixtures.scope())).isNotEmpty();
        assertThat(evaluatorCanUse("segmentMatch", Json.parse("'ghosts'"))).isFalse();
        assertThat(evaluatorCanUse("segmentMatch", Json.parse("'beta-testers'"))).isTrue();
    }

    /** Compiles the clause into a snapshot and asks whether the evaluator left a note that it had to drop it. */
    private static boolean evaluatorCanUse(String operator, JsonNode value) {
        Flag flag = new Flag("new-checkout", Fixtures.CHECKOUT.type(), Fixtures.CHECKOUT.variations(), 1L, true, 1,
                null, List.of(), List.of(), List.of(new Rule("r", List.of(new Clause("a", operator, List.of(value),
                false)), Serve.variation(1))), Serve.variation(0), null);
        Snapshot snapshot = new Snapshot(1, "p", "e", 1, "2026-01-01T00:00:00Z", List.of(flag),
                List.of(new Segment("beta-testers", List.of("u"), List.of(), List.of(), null)), null);
        String note = CompiledEnvironment.compile(snapshot).evaluate("new-checkout", Context.builder("u").build())
                .reason().note();
        return note == null;
    }
}
