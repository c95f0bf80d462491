package dev.vexil.local.release;

import dev.vexil.core.release.ReleaseScheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Ticks the release scheduler in-process every {@code tick}, on one daemon thread. */
public final class LocalScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalScheduler.class.getName());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vexil-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    public LocalScheduler(ReleaseScheduler scheduler, Duration tick) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                scheduler.tick();
            } catch (RuntimeException e) { // a failed tick must not stop the timer
                LOG.log(Level.WARNING, "scheduler tick failed; the next tick retries", e);
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops ticking and waits for a tick under way. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
