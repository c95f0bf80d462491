package dev.vexil.core.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fixed-window counters in memory, for local mode (one JVM serves every write). One entry per principal, replaced
 * when its window has passed, so memory follows the number of principals.
 */
public final class InProcessWriteRateLimiter implements WriteRateLimiter {
    private record Window(long start, int writes) {
    }

    private final RateLimit limit;
    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public InProcessWriteRateLimiter(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public Decision tryAcquire(String principal) {
        long now = clock.instant().getEpochSecond();
        long start = limit.windowStart(now);
        boolean[] allowed = new boolean[1];
        windows.compute(principal, (key, current) -> {
            Window window = current == null || current.start() < start ? new Window(start, 0) : current;
            allowed[0] = window.writes() < limit.writes();
            return allowed[0] ? new Window(window.start(), window.writes() + 1) : window;
        });
        return allowed[0] ? Decision.ALLOWED : Decision.refused(limit.secondsUntilNextWindow(now));
    }
}
