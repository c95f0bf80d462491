package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberOperatorsTest {
    @Test
    void lessThan() {
        ClauseHarness c = ClauseHarness.of(clause("age", "lessThan", 18));
        assertThat(c.matches(user("u", "age", 17))).isTrue();
        assertThat(c.matches(user("u", "age", 17.999))).isTrue();
        assertThat(c.matches(user("u", "age", 18))).isFalse();
        assertThat(c.matches(user("u", "age", 19L))).isFalse();
    }

    @Test
    void lessThanOrEqual() {
        ClauseHarness c = ClauseHarness.of(clause("age", "lessThanOrEqual", 18));
        assertThat(c.matches(user("u", "age", 18.0))).isTrue();
        assertThat(c.matches(user("u", "age", 18.5))).isFalse();
    }

    @Test
    void greaterThan() {
        ClauseHarness c = ClauseHarness.of(clause("score", "greaterThan", 0.5));
        assertThat(c.matches(user("u", "score", 0.51))).isTrue();
        assertThat(c.matches(user("u", "score", 0.5))).isFalse();
        assertThat(c.matches(user("u", "score", new BigDecimal("0.75")))).isTrue();
    }

    @Test
    void greaterThanOrEqual() {
        ClauseHarness c = ClauseHarness.of(clause("score", "greaterThanOrEqual", 10));
        assertThat(c.matches(user("u", "score", 10))).isTrue();
        assertThat(c.matches(user("u", "score", 9))).isFalse();
        assertThat(c.matches(user("u", "score", Double.NaN))).isFalse();
    }

    @Test
    void valuesAreOred() {
        ClauseHarness c = ClauseHarness.of(clause("n", "lessThan", 1, 5));
        assertThat(c.matches(user("u", "n", 3))).isTrue();
        assertThat(c.matches(user("u", "n", 6))).isFalse();
    }

    @Test
    void stringAttributeIsNotANumber() {
        assertThat(ClauseHarness.of(clause("age", "lessThan", 18)).matches(user("u", "age", "5"))).isFalse();
        assertThat(ClauseHarness.of(not(clause("age", "lessThan", 18))).matches(user("u", "age", "5"))).isTrue();
        assertThat(ClauseHarness.of(not(clause("age", "lessThan", 18))).matches(user("u"))).isFalse();
    }

    @Test
    void listAttribute() {
        ClauseHarness c = ClauseHarness.of(clause("n", "greaterThan", 100));
        assertThat(c.matches(user("u", "n", List.of(1, "999", 101)))).isTrue();
        assertThat(c.matches(user("u", "n", List.of(1, "999")))).isFalse();
    }

    @Test
    void stringValueMakesTheClauseNeverMatch() {
        ClauseHarness c = ClauseHarness.of(clause("n", "lessThan", 1, "2"));
        assertThat(c.matches(user("u", "n", 0))).isFalse();
        assertThat(c.note(user("u"))).isEqualTo(
                "rules[0].clauses[0].values[1]: expected a number for operator lessThan; the clause never matches");
    }
}
