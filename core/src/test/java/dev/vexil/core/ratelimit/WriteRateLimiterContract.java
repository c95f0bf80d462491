package dev.vexil.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link WriteRateLimiter} adapter must do; each adapter's test extends this. */
public abstract class WriteRateLimiterContract {
    /** 2026-01-01T00:00:10Z: ten seconds into a one-minute window. */
    protected static final Instant START = Instant.parse("2026-01-01T00:00:10Z");

    /** A fresh limiter with {@code limit}, reading time from {@code clock}; a shared store is emptied per test. */
    protected abstract WriteRateLimiter newLimiter(RateLimit limit, SettableClock clock);

    private final SettableClock clock = new SettableClock(START);

    @Test
    void allowsUpToTheLimitInAWindowThenRefusesWithTheSecondsUntilTheNext() {
        WriteRateLimiter limiter = newLimiter(new RateLimit(3, Duration.ofMinutes(1)), clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice").allowed()).as("write %d", i + 1).isTrue();
        }
        WriteRateLimiter.Decision refused = limiter.tryAcquire("alice");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(50);
    }

    @Test
    void aRefusedWriteIsNotCountedAndTheNextWindowStartsAfresh() {
        WriteRateLimiter limiter = newLimiter(new RateLimit(2, Duration.ofMinutes(1)), clock);
        limiter.tryAcquire("alice");
        limiter.tryAcquire("alice");
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("alice").allowed()).isFalse();
        }

        clock.advance(Duration.ofSeconds(49));
        assertThat(limiter.tryAcquire("alice").retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
        assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
        assertThat(limiter.tryAcquire("alice").allowed()).isFalse();
    }

    @Test
    void principalsAreCountedApart() {
        WriteRateLimiter limiter = newLimiter(new RateLimit(1, Duration.ofMinutes(1)), clock);

        assertThat(limiter.tryAcquire("arn:aws:iam::111122223333:role/Deployer").allowed()).isTrue();
        assertThat(limiter.tryAcquire("arn:aws:iam::111122223333:role/Deployer").allowed()).isFalse();

        assertThat(limiter.tryAcquire("https://issuer.example#bob").allowed()).isTrue();
        assertThat(limiter.tryAcquire("arn:aws:iam::111122223333:role/Other").allowed()).isTrue();
    }

    @Test
    void twoLimitersOverTheSameStoreShareTheCount() {
        RateLimit limit = new RateLimit(2, Duration.ofSeconds(10));
        WriteRateLimiter first = newLimiter(limit, clock);
        WriteRateLimiter second = sameStore(first, limit, clock);

        assertThat(first.tryAcquire("alice").allowed()).isTrue();
        assertThat(second.tryAcquire("alice").allowed()).isTrue();

        assertThat(first.tryAcquire("alice").allowed()).isFalse();
        assertThat(second.tryAcquire("alice").allowed()).isFalse();
    }

    /**
     * Another limiter over the store of {@code existing}, as a second Lambda container would be; an adapter whose
     * store is its own memory returns {@code existing} itself.
     */
    protected abstract WriteRateLimiter sameStore(WriteRateLimiter existing, RateLimit limit, SettableClock clock);
}
