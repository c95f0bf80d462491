package dev.vexil.sdk.push;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs at WARNING at most once a minute and at DEBUG otherwise: a channel sending garbage must not flood the
 * application's log, and must not stay invisible either.
 */
final class RateLimitedLog {
    private static final System.Logger LOG = System.getLogger(PushChannel.class.getName());
    private static final long INTERVAL_NANOS = 60_000_000_000L;
    private final AtomicLong lastWarningAt = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    void warn(String message) {
        long now = System.nanoTime();
        long last = lastWarningAt.get();
        boolean warn = now - last >= INTERVAL_NANOS && lastWarningAt.compareAndSet(last, now);
        LOG.log(warn ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, message);
    }
}
