package dev.vexil.core.ratelimit;

class InProcessWriteRateLimiterTest extends WriteRateLimiterContract {
    @Override
    protected WriteRateLimiter newLimiter(RateLimit limit, SettableClock clock) {
        return new InProcessWriteRateLimiter(limit, clock);
    }

    @Override
    protected WriteRateLimiter sameStore(WriteRateLimiter existing, RateLimit limit, SettableClock clock) {
        return existing; // local mode: one JVM, one limiter
    }
}
