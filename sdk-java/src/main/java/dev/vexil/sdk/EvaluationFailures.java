package dev.vexil.sdk;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs unexpected evaluation exceptions without flooding: the first one, then every 10,000th. Evaluations turn
 * them into the caller's default (reason {@code ERROR}/{@code EXCEPTION}).
 */
final class EvaluationFailures {
    private static final System.Logger LOG = System.getLogger(VexilClient.class.getName());
    private final AtomicLong count = new AtomicLong();

    void record(String flagKey, Throwable e) {
        long n = count.incrementAndGet();
        if (n == 1 || n % 10_000 == 0) {
            LOG.log(System.Logger.Level.ERROR, "Vexil: evaluating flag '" + flagKey + "' threw (" + n
                    + " such failures so far); the default value was served", e);
        }
    }
}
