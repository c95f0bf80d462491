package dev.vexil.sdk;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-checks staleness on its own daemon thread ({@code vexil-staleness}), so that fail-closed flags go off on time
 * even when no poll cycle runs (offline, or after the key was refused). Never on the evaluation path.
 */
final class StalenessTimer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VexilClient.class.getName());

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vexil-staleness");
        t.setDaemon(true);
        return t;
    });

    StalenessTimer(EnvironmentStore store, Duration interval) {
        long period = interval.toNanos();
        executor.scheduleWithFixedDelay(() -> refresh(store), period, period, TimeUnit.NANOSECONDS);
    }

    private static void refresh(EnvironmentStore store) {
        try {
            store.refreshStaleness();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Vexil: staleness check failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
