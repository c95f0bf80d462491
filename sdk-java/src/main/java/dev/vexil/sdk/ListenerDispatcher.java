package dev.vexil.sdk;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Delivers change events on one dedicated daemon thread, in the order the swaps happened, so that listeners never
 * run on (or slow down) the poller. A listener that throws is logged; the others still run and the SDK carries on.
 */
final class ListenerDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ListenerDispatcher.class.getName());

    private final List<SnapshotListener> snapshotListeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<FlagChangeListener>> flagListeners = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vexil-listeners");
        t.setDaemon(true);
        return t;
    });

    Subscription addSnapshotListener(SnapshotListener listener) {
        snapshotListeners.add(listener);
        return () -> snapshotListeners.remove(listener);
    }

    Subscription addFlagListener(String flagKey, FlagChangeListener listener) {
        List<FlagChangeListener> list = flagListeners.computeIfAbsent(flagKey, k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** Queues the event; returns at once. */
    void publish(SnapshotEvent event) {
        try {
            executor.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            // closed: nobody is listening any more
        }
    }

    private void deliver(SnapshotEvent event) {
        for (SnapshotListener l : snapshotListeners) {
            safely(() -> l.onSnapshot(event), "snapshot listener");
        }
        for (String key : event.changedFlags()) {
            List<FlagChangeListener> list = flagListeners.get(key);
            if (list == null) {
                continue;
            }
            FlagChangeEvent change = new FlagChangeEvent(key, event.previousVersion(), event.version());
            for (FlagChangeListener l : list) {
                safely(() -> l.onFlagChange(change), "change listener for flag '" + key + "'");
            }
        }
    }

    private static void safely(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.log(System.Logger.Level.WARNING, "Vexil: a " + what + " threw; ignored", e);
        }
    }

    /** Waits until every event queued so far has been delivered (tests, and a clean hand-over). */
    void awaitIdle(java.time.Duration timeout) throws InterruptedException {
        java.util.concurrent.CountDownLatch drained = new java.util.concurrent.CountDownLatch(1);
        try {
            executor.execute(drained::countDown);
        } catch (RejectedExecutionException e) {
            return;
        }
        drained.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
