package dev.vexil.sdk;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the evaluation counts: every interval and at {@link #close()}, on one daemon thread ({@code vexil-metrics})
 * that does nothing else, so a send is never on a request thread and there is at most one in flight. Each send
 * drains the counters into the {@link PendingSummary}; a failed send (transport error, timeout, 5xx, 429) leaves
 * the counts there to merge into the next window, up to the summary's cap. A summary the edge refuses as bad input
 * (400, 413) or has no route for (404) is dropped: sending it again would not help. A refused key (401, 403) stops
 * sending for good, like polling.
 */
final class MetricsReporter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VexilClient.class.getName());

    private final CounterRegistry registry;
    private final EventsPoster poster;
    private final Clock clock;
    private final Duration closeWait;
    private final PendingSummary pending;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vexil-metrics");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledFuture<?> schedule;
    private boolean keyRefused; // metrics thread only

    MetricsReporter(CounterRegistry registry, EventsPoster poster, MetricsConfig config, Clock clock,
                    Duration closeWait) {
        this.registry = registry;
        this.poster = poster;
        this.clock = clock;
        this.closeWait = closeWait;
        this.pending = new PendingSummary(config.maxEntries(), clock.instant());
        long every = config.interval().toMillis();
        this.schedule = thread.scheduleWithFixedDelay(this::send, every, every, TimeUnit.MILLISECONDS);
    }

    /** Sends now on the metrics thread and waits for it (tests). */
    void flush(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        thread.submit(this::send).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send() {
        try {
            registry.drainInto(pending);
            if (pending.isEmpty() || pending.snapshotVersion() < 0) {
                return;
            }
            if (keyRefused) {
                pending.clear(clock.instant());
                return;
            }
            Instant end = clock.instant();
            int status = poster.post(SummaryJson.write(pending, end));
            if (status >= 200 && status < 300) {
                pending.clear(end);
            } else if (status == 401 || status == 403) {
                keyRefused = true;
                pending.clear(end);
                LOG.log(System.Logger.Level.ERROR, "Vexil: SDK key refused (" + status
                        + ") by the events endpoint; evaluation metrics are no longer sent");
            } else if (status == 400 || status == 404 || status == 413) {
                pending.clear(end);
                LOG.log(System.Logger.Level.WARNING, "Vexil: the edge refused an evaluation summary ("
                        + status + "); its counts are dropped");
            } else {
                LOG.log(System.Logger.Level.DEBUG, "Vexil: sending evaluation metrics failed (" + status
                        + "); the counts merge into the next window");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Vexil: sending evaluation metrics failed (" + e
                    + "); the counts merge into the next window");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // never let the schedule die
            LOG.log(System.Logger.Level.WARNING, "Vexil: evaluation metrics failed: " + e);
        }
    }

    /** Sends what is left (waiting at most the close wait), then stops the thread. */
    @Override
    public void close() {
        schedule.cancel(false);
        try {
            thread.submit(this::send).get(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "Vexil: the last evaluation summary was not sent: " + e);
        } finally {
            thread.shutdownNow();
            poster.close();
        }
    }
}
