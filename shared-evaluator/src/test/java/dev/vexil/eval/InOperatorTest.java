package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InOperatorTest {
    @Test
    void stringsMatchExactly() {
        ClauseHarness c = ClauseHarness.of(clause("country", "in", "DE", "FR"));
        assertThat(c.matches(user("u", "country", "DE"))).isTrue();
        assertThat(c.matches(user("u", "country", "FR"))).isTrue();
        assertThat(c.matches(user("u", "country", "de"))).isFalse();
        assertThat(c.matches(user("u", "country", "US"))).isFalse();
    }

    @Test
    void numbersCompareNumerically() {
        ClauseHarness c = ClauseHarness.of(clause("age", "in", 1, 2.5, -0.0));
        assertThat(c.matches(user("u", "age", 1))).isTrue();
        assertThat(c.matches(user("u", "age", 1.0))).isTrue();
        assertThat(c.matches(user("u", "age", 1L))).isTrue();
        assertThat(c.matches(user("u", "age", 2.5f))).isTrue();
        assertThat(c.matches(user("u", "age", 0))).as("0 equals -0.0").isTrue();
        assertThat(c.matches(user("u", "age", 3))).isFalse();
        assertThat(c.matches(user("u", "age", Double.NaN))).isFalse();
    }

    @Test
    void booleansMatchByValue() {
        ClauseHarness c = ClauseHarness.of(clause("beta", "in", true));
        assertThat(c.matches(user("u", "beta", true))).isTrue();
        assertThat(c.matches(user("u", "beta", false))).isFalse();
    }

    @Test
    void typeMismatchIsNoMatchAndNegateThenApplies() {
        ClauseHarness c = ClauseHarness.of(clause("age", "in", "1", true));
        assertThat(c.matches(user("u", "age", 1))).as("number vs string").isFalse();
        assertThat(c.matches(user("u", "age", "true"))).as("string vs boolean").isFalse();
        ClauseHarness negated = ClauseHarness.of(not(clause("age", "in", "1")));
        assertThat(negated.matches(user("u", "age", 1))).isTrue();
        assertThat(negated.matches(user("u", "age", "1"))).isFalse();
    }

    @Test
    void missingAttributeNeverMatchesEvenNegated() {
        assertThat(ClauseHarness.of(clause("country", "in", "DE")).matches(user("u"))).isFalse();
        assertThat(ClauseHarness.of(not(clause("country", "in", "DE"))).matches(user("u"))).isFalse();
    }

    @Test
    void listAttributeMatchesIfAnyElementDoes() {
        ClauseHarness c = ClauseHarness.of(clause("groups", "in", "admins"));
        assertThat(c.matches(user("u", "groups", List.of("staff", "admins")))).isTrue();
        assertThat(c.matches(user("u", "groups", List.of("staff")))).isFalse();
        assertThat(c.matches(user("u", "groups", List.of()))).isFalse();
        ClauseHarness negated = ClauseHarness.of(not(clause("groups", "in", "admins")));
        assertThat(negated.matches(user("u", "groups", List.of("staff", "admins")))).isFalse();
        assertThat(negated.matches(user("u", "groups", List.of("staff")))).isTrue();
        assertThat(negated.matches(user("u", "groups", List.of()))).as("empty list: no element matches").isTrue();
    }

    @Test
    void builtInKeyAttribute() {
        ClauseHarness c = ClauseHarness.of(clause("key", "in", "alice"));
        assertThat(c.matches(user("alice"))).isTrue();
        assertThat(c.matches(user("bob"))).isFalse();
    }

    @Test
    void emptyValuesMatchNothingAndNegateApplies() {
        assertThat(ClauseHarness.of(clause("country", "in")).matches(user("u", "country", "DE"))).isFalse();
        assertThat(ClauseHarness.of(not(clause("country", "in"))).matches(user("u", "country", "DE"))).isTrue();
    }

    @Test
    void unusableValueMakesTheClauseNeverMatchWithANote() {
        ClauseHarness c = ClauseHarness.of(not(clause("country", "in", "DE", java.util.Map.of("a", 1))));
        assertThat(c.matches(user("u", "country", "US"))).isFalse();
        assertThat(c.note(user("u"))).contains("rules[0].clauses[0].values[1]");
    }
}
