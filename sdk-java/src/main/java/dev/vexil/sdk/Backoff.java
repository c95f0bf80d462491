package dev.vexil.sdk;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between poll cycles. A normal cycle waits the poll interval ±10%, so that a fleet started at once does not
 * poll in lock-step. After a failure it waits a "full jitter" exponential backoff: a uniform random delay in
 * [0, min(cap, base × 2^(failures-1))], never below {@code floor} so that a client never hammers the edge.
 * After the edge refused the SDK key it waits the longer of the key-refused interval (5 minutes) and the poll
 * interval, plus up to 20% jitter: a revoked key or a fleet-wide edge fault must not turn into a request storm.
 * Used only by the poller thread.
 */
final class Backoff {
    static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
    static final Duration DEFAULT_CAP = Duration.ofMinutes(5);
    static final Duration DEFAULT_FLOOR = Duration.ofMillis(100);
    /** The longest Retry-After honoured; a larger value is clamped so that a misconfigured edge cannot park us for days. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    /** The shortest wait between two requests after a 401 or 403. */
    static final Duration DEFAULT_KEY_REFUSED_RETRY = Duration.ofMinutes(5);

    private final Duration base;
    private final Duration cap;
    private final Duration floor;
    private final Duration keyRefusedRetry;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, Duration floor, RandomGenerator random) {
        this(base, cap, floor, DEFAULT_KEY_REFUSED_RETRY, random);
    }

    Backoff(Duration base, Duration cap, Duration floor, Duration keyRefusedRetry, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base " + base + ", cap " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.floor = floor;
        this.keyRefusedRetry = keyRefusedRetry;
        this.random = random;
    }

    Duration afterSuccess(Duration pollInterval) {
        long nanos = pollInterval.toNanos();
        return Duration.ofNanos(nanos - nanos / 10 + (long) (random.nextDouble() * (nanos / 5)));
    }

    Duration afterFailure(int consecutiveFailures) {
        long ceiling = cap.toNanos();
        long grown = base.toNanos();
        for (int i = 1; i < consecutiveFailures && grown < ceiling; i++) {
            grown = grown > ceiling / 2 ? ceiling : grown * 2;
        }
        grown = Math.min(grown, ceiling);
        long delay = (long) (random.nextDouble() * grown);
        return Duration.ofNanos(Math.max(delay, floor.toNanos()));
    }

    /** The wait after a 401 or 403: never shorter than the key-refused interval nor the poll interval. */
    Duration afterKeyRefused(Duration pollInterval) {
        long nanos = Math.max(keyRefusedRetry.toNanos(), pollInterval.toNanos());
        return Duration.ofNanos(nanos + (long) (random.nextDouble() * (nanos / 5)));
    }

    Duration afterRetryAfter(Duration retryAfter) {
        Duration d = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        return d.compareTo(floor) < 0 ? floor : d;
    }
}
