package dev.vexil.core.admin.limits;

import dev.vexil.core.ratelimit.WriteRateLimiter;

/** The admin API's limits: per-project quotas and the per-principal write rate limiter. */
public record AdminLimits(Quotas quotas, WriteRateLimiter writes) {
    /** The default quotas and no write rate limit: what the shorter {@code AdminApi} constructors use. */
    public static final AdminLimits QUOTAS_ONLY = new AdminLimits(Quotas.DEFAULTS, WriteRateLimiter.UNLIMITED);
}
