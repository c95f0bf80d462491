package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StringOperatorsTest {
    @Test
    void startsWith() {
        ClauseHarness c = ClauseHarness.of(clause("email", "startsWith", "admin@", "root@"));
        assertThat(c.matches(user("u", "email", "admin@x.io"))).isTrue();
        assertThat(c.matches(user("u", "email", "root@x.io"))).isTrue();
        assertThat(c.matches(user("u", "email", "Admin@x.io"))).as("case-sensitive").isFalse();
        assertThat(c.matches(user("u", "email", "x@admin@"))).isFalse();
    }

    @Test
    void endsWith() {
        ClauseHarness c = ClauseHarness.of(clause("email", "endsWith", "@example.com"));
        assertThat(c.matches(user("u", "email", "a@example.com"))).isTrue();
        assertThat(c.matches(user("u", "email", "a@example.com.evil"))).isFalse();
        assertThat(c.matches(user("u", "email", "@example.com"))).isTrue();
    }

    @Test
    void contains() {
        ClauseHarness c = ClauseHarness.of(clause("ua", "contains", "Firefox"));
        assertThat(c.matches(user("u", "ua", "Mozilla/5.0 Firefox/120"))).isTrue();
        assertThat(c.matches(user("u", "ua", "Chrome"))).isFalse();
    }

    @Test
    void emptyStringValueMatchesEveryString() {
        assertThat(ClauseHarness.of(clause("name", "startsWith", "")).matches(user("u", "name", "x"))).isTrue();
    }

    @Test
    void nonStringAttributeIsNoMatchAndNegateApplies() {
        assertThat(ClauseHarness.of(clause("n", "startsWith", "1")).matches(user("u", "n", 12))).isFalse();
        assertThat(ClauseHarness.of(not(clause("n", "startsWith", "1"))).matches(user("u", "n", 12))).isTrue();
        assertThat(ClauseHarness.of(clause("b", "contains", "t")).matches(user("u", "b", true))).isFalse();
    }

    @Test
    void missingAttributeNeverMatches() {
        assertThat(ClauseHarness.of(not(clause("email", "endsWith", "@x"))).matches(user("u"))).isFalse();
    }

    @Test
    void listAttribute() {
        ClauseHarness c = ClauseHarness.of(clause("emails", "endsWith", "@corp.io"));
        assertThat(c.matches(user("u", "emails", List.of("a@gmail.com", "a@corp.io")))).isTrue();
        assertThat(c.matches(user("u", "emails", List.of("a@gmail.com", 7)))).isFalse();
    }

    @Test
    void nonStringValueMakesTheClauseNeverMatch() {
        ClauseHarness c = ClauseHarness.of(not(clause("email", "endsWith", 5)));
        assertThat(c.matches(user("u", "email", "x"))).isFalse();
        assertThat(c.note(user("u"))).isEqualTo(
                "rules[0].clauses[0].values[0]: expected a string for operator endsWith; the clause never matches");
    }
}
