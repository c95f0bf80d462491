package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.clause.SemVer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemVerOperatorsTest {
    @Test
    void equalIgnoresBuildMetadataAndAllowsShortForms() {
        ClauseHarness c = ClauseHarness.of(clause("v", "semVerEqual", "1.2.0"));
        assertThat(c.matches(user("u", "v", "1.2.0"))).isTrue();
        assertThat(c.matches(user("u", "v", "1.2"))).isTrue();
        assertThat(c.matches(user("u", "v", "1.2.0+build.7"))).isTrue();
        assertThat(c.matches(user("u", "v", "1.2.0-rc.1"))).isFalse();
        assertThat(c.matches(user("u", "v", "1.2.1"))).isFalse();
        assertThat(ClauseHarness.of(clause("v", "semVerEqual", "2")).matches(user("u", "v", "2.0.0"))).isTrue();
    }

    @Test
    void lessThanFollowsSemVerPrecedence() {
        // The SemVer 2.0.0 spec's example chain, in increasing precedence.
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0");
        for (int i = 0; i < ordered.size(); i++) {
            ClauseHarness lessThan = ClauseHarness.of(clause("v", "semVerLessThan", ordered.get(i)));
            ClauseHarness greaterThan = ClauseHarness.of(clause("v", "semVerGreaterThan", ordered.get(i)));
            for (int j = 0; j < ordered.size(); j++) {
                Context ctx = user("u", "v", ordered.get(j));
                assertThat(lessThan.matches(ctx)).as(ordered.get(j) + " < " + ordered.get(i)).isEqualTo(j < i);
                assertThat(greaterThan.matches(ctx)).as(ordered.get(j) + " > " + ordered.get(i)).isEqualTo(j > i);
            }
        }
    }

    @Test
    void invalidAttributeIsNoMatchAndNegateApplies() {
        ClauseHarness c = ClauseHarness.of(clause("v", "semVerLessThan", "2.0.0"));
        for (String bad : List.of("", "1.", "01.2.3", "1.2.3.4", "v1.2.3", "1.2.3-", "1.2.3-01", "1.2.3+", "a.b.c",
                "1.2.3-a..b")) {
            assertThat(c.matches(user("u", "v", bad))).as(bad).isFalse();
        }
        assertThat(c.matches(user("u", "v", 1))).isFalse();
        assertThat(ClauseHarness.of(not(clause("v", "semVerLessThan", "2.0.0"))).matches(user("u", "v", "nope")))
                .isTrue();
    }

    @Test
    void invalidValueMakesTheClauseNeverMatch() {
        ClauseHarness c = ClauseHarness.of(not(clause("v", "semVerEqual", "1.x")));
        assertThat(c.matches(user("u", "v", "1.0.0"))).isFalse();
        assertThat(c.note(user("u"))).contains("invalid semantic version '1.x'");
    }

    @Test
    void parsedValuePrintsNormalized() {
        assertThat(SemVer.parse("1.2-rc.1+b")).hasToString("1.2.0-rc.1");
        assertThat(SemVer.parse("1.2.3-0.a")).isNotNull();
        assertThat(SemVer.parse("1.2.3-00")).isNull();
    }
}
