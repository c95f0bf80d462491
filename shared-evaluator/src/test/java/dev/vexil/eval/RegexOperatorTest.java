package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegexOperatorTest {
    @Test
    void findsAnywhereUnlessAnchored() {
        ClauseHarness c = ClauseHarness.of(clause("email", "matches", "@(corp|example)\\.io$"));
        assertThat(c.matches(user("u", "email", "x@corp.io"))).isTrue();
        assertThat(c.matches(user("u", "email", "x@example.io"))).isTrue();
        assertThat(c.matches(user("u", "email", "x@corp.io.evil"))).isFalse();
        ClauseHarness anywhere = ClauseHarness.of(clause("name", "matches", "b+"));
        assertThat(anywhere.matches(user("u", "name", "abbbc"))).isTrue();
        ClauseHarness anchored = ClauseHarness.of(clause("name", "matches", "^b+$"));
        assertThat(anchored.matches(user("u", "name", "abbbc"))).isFalse();
    }

    @Test
    void valuesAreOred() {
        ClauseHarness c = ClauseHarness.of(clause("v", "matches", "^a", "z$"));
        assertThat(c.matches(user("u", "v", "abc"))).isTrue();
        assertThat(c.matches(user("u", "v", "xyz"))).isTrue();
        assertThat(c.matches(user("u", "v", "mmm"))).isFalse();
    }

    @Test
    void catastrophicPatternRunsInLinearTime() {
        // (a+)+$ backtracks exponentially in java.util.regex; RE2/J answers at once.
        ClauseHarness c = ClauseHarness.of(clause("v", "matches", "(a+)+$"));
        assertThat(c.matches(user("u", "v", "a".repeat(5000) + "!"))).isFalse();
    }

    @Test
    void invalidRegexNeverMatchesAndSaysWhy() {
        ClauseHarness c = ClauseHarness.of(not(clause("v", "matches", "(unclosed")));
        assertThat(c.matches(user("u", "v", "anything"))).isFalse();
        assertThat(c.note(user("u"))).startsWith("rules[0].clauses[0].values[0]: invalid regular expression")
                .endsWith("the clause never matches");
    }

    @Test
    void nonStringAttributeIsNoMatch() {
        assertThat(ClauseHarness.of(clause("v", "matches", "1")).matches(user("u", "v", 1))).isFalse();
        assertThat(ClauseHarness.of(not(clause("v", "matches", "1"))).matches(user("u", "v", 1))).isTrue();
    }
}
