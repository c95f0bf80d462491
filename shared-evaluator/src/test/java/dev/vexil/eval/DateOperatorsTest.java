package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.clause.Instants;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DateOperatorsTest {
    private static final long T = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();

    @Test
    void beforeWithIsoValueAndIsoOrMillisAttributes() {
        ClauseHarness c = ClauseHarness.of(clause("signup", "before", "2026-12-01T12:00:00Z"));
        assertThat(c.matches(user("u", "signup", "2026-12-01T11:59:59.999Z"))).isTrue();
        assertThat(c.matches(user("u", "signup", "2026-12-01T12:00:00Z"))).isFalse();
        assertThat(c.matches(user("u", "signup", T - 1))).isTrue();
        assertThat(c.matches(user("u", "signup", T))).isFalse();
        assertThat(c.matches(user("u", "signup", "2026-12-01T13:30:00+02:00"))).as("11:30Z").isTrue();
    }

    @Test
    void afterWithMillisValue() {
        ClauseHarness c = ClauseHarness.of(clause("signup", "after", T));
        assertThat(c.matches(user("u", "signup", "2026-12-01T12:00:00.001Z"))).isTrue();
        assertThat(c.matches(user("u", "signup", T))).isFalse();
        assertThat(c.matches(user("u", "signup", (double) T + 0.5))).isTrue();
    }

    @Test
    void otherIsoFormsAreReadAsUtc() {
        ClauseHarness c = ClauseHarness.of(clause("d", "after", "2026-12-01"));
        assertThat(c.matches(user("u", "d", "2026-12-01T00:00:01"))).isTrue();
        assertThat(c.matches(user("u", "d", "2026-11-30"))).isFalse();
    }

    @Test
    void notATimestampIsNoMatchAndNegateApplies() {
        assertThat(ClauseHarness.of(clause("d", "before", T)).matches(user("u", "d", "yesterday"))).isFalse();
        assertThat(ClauseHarness.of(not(clause("d", "before", T))).matches(user("u", "d", "yesterday"))).isTrue();
        assertThat(ClauseHarness.of(not(clause("d", "before", T))).matches(user("u", "d", true))).isTrue();
        assertThat(ClauseHarness.of(not(clause("d", "before", T))).matches(user("u"))).isFalse();
    }

    @Test
    void invalidValueMakesTheClauseNeverMatch() {
        ClauseHarness c = ClauseHarness.of(not(clause("d", "before", "2026-13-01T00:00:00Z")));
        assertThat(c.matches(user("u", "d", T))).isFalse();
        assertThat(c.note(user("u"))).contains("values[0]: expected an ISO-8601 timestamp or epoch milliseconds");
    }

    @Test
    void handParserAgreesWithJavaTime() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = rnd.nextLong(-5_000_000_000L, 50_000_000_000L);
            int nanos = rnd.nextInt(1_000_000_000);
            int offsetMinutes = rnd.nextInt(-18 * 60, 18 * 60 + 1);
            OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos)
                    .atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            if (t.getYear() < 0 || t.getYear() > 9999) {
                continue;
            }
            String text = t.toString();
            assertThat(Instants.parseMillis(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        }
        assertThat(Instants.parseMillis("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
        assertThat(Instants.parseMillis("2023-02-29T00:00:00Z")).isEqualTo(Instants.INVALID);
        assertThat(Instants.parseMillis("2026-12-01T24:00:00Z")).isEqualTo(Instants.INVALID);
        assertThat(Instants.parseMillis("")).isEqualTo(Instants.INVALID);
    }
}
