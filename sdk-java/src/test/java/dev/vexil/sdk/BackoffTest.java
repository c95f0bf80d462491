package dev.vexil.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The delay arithmetic: full jitter within the doubling ceiling, ±10% on the poll interval, Retry-After parsing. */
class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMillis(100),
            new SplittableRandom(42));

    @Test
    void failureDelaysStayUnderADoublingCeilingCappedAtTheCap() {
        for (int failures = 1; failures <= 40; failures++) {
            long ceilingMs = Math.min(300_000, 1000L << Math.min(failures - 1, 20));
            for (int i = 0; i < 200; i++) {
                Duration d = backoff.afterFailure(failures);
                assertThat(d.toMillis()).isBetween(100L, ceilingMs);
            }
        }
    }

    @Test
    void failureDelaysAreSpreadOverTheWholeRange() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.afterFailure(20).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertThat(min).isLessThan(30_000);
        assertThat(max).isGreaterThan(270_000);
    }

    @Test
    void pollDelaysCarryTenPercentJitter() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.afterSuccess(Duration.ofSeconds(30)).toMillis();
            assertThat(ms).isBetween(27_000L, 33_000L);
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertThat(max - min).isGreaterThan(4_000);
    }

    @Test
    void retryAfterIsHonouredButClamped() {
        assertThat(backoff.afterRetryAfter(Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.afterRetryAfter(Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.afterRetryAfter(Duration.ZERO)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retryAfterParsesSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 3 ", clock)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }

    @Test
    void aRefusedKeyIsRetriedNoMoreOftenThanEveryFiveMinutesWithJitter() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.afterKeyRefused(Duration.ofSeconds(30)).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertThat(min).isGreaterThanOrEqualTo(300_000);
        assertThat(max).isLessThanOrEqualTo(360_000);
        assertThat(max - min).as("jitter spreads the fleet").isGreaterThan(30_000);
    }

    @Test
    void aRefusedKeyWaitsAtLeastTheLongerPollInterval() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.afterKeyRefused(Duration.ofMinutes(10)).toMillis()).isBetween(600_000L, 720_000L);
        }
    }
}
