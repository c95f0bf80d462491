package dev.vexil.core.ratelimit;

/**
 * The port that counts admin writes per principal (docs/architecture.md "Quotas and write rate limit"). Adapters:
 * {@link InProcessWriteRateLimiter} (local mode: one JVM) and the DynamoDB counter item of {@code functions}, which
 * holds across Lambda containers. Both count in fixed windows of {@link RateLimit#window()}.
 */
public interface WriteRateLimiter {
    /** Never refuses: for tests and embeddings that do not limit writes. */
    WriteRateLimiter UNLIMITED = principal -> Decision.ALLOWED;

    /** Counts one write by {@code principal} if the limit allows it; a refused write is not counted. */
    Decision tryAcquire(String principal);

    /** {@code retryAfterSeconds} is 0 when allowed, else the whole seconds until the next window (at least 1). */
    record Decision(boolean allowed, long retryAfterSeconds) {
        public static final Decision ALLOWED = new Decision(true, 0);

        public static Decision refused(long retryAfterSeconds) {
            return new Decision(false, retryAfterSeconds);
        }
    }
}
