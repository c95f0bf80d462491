package dev.vexil.local;

import dev.vexil.core.store.ChangeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Local mode's stand-in for DynamoDB Streams + Lambda's event source mapping: the repository's change feed is
 * queued here and compiled on one thread. Changes are coalesced per environment (a burst of writes becomes one
 * compile, after a short batching window), project-level changes fan out to every environment of the project, and
 * a failed compile is retried with exponential backoff, as Lambda retries a failed batch. The compiler rebuilds
 * from the source of truth, so coalescing and retrying never lose a change.
 */
public final class CompileQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompileQueue.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private record Target(String project, String environment) {
    }

    private final EnvironmentCompiler compiler;
    private final Function<String, List<String>> environmentsOf;
    private final Duration batchingWindow;
    private final ScheduledThreadPoolExecutor executor =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("vexil-compiler").daemon(true).factory());

    // Guarded by this.
    private final Map<Target, List<ChangeRef>> pending = new LinkedHashMap<>();
    private final Map<Target, List<ChangeRef>> awaitingRetry = new LinkedHashMap<>();
    private final Map<Target, Integer> failedAttempts = new LinkedHashMap<>();
    private boolean drainScheduled;
    private boolean draining;
    private boolean closed;

    /**
     * @param environmentsOf the environment keys of a project (for changes that affect every environment)
     * @param batchingWindow how long to gather changes before compiling (Lambda's batching window)
     */
    public CompileQueue(EnvironmentCompiler compiler, Function<String, List<String>> environmentsOf,
                        Duration batchingWindow) {
        this.compiler = compiler;
        this.environmentsOf = environmentsOf;
        this.batchingWindow = batchingWindow;
        // On shutdown, delayed drains and retries are cancelled: close() runs their changes itself, at once.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The change listener: queues one committed change. Cheap; never calls back into the repository. */
    public void accept(ChangeRef change) {
        enqueue(new Target(change.project(), change.environment()), List.of(change));
    }

    /** Asks for one compile of an environment with nothing it must include (e.g. reconciliation at start-up). */
    public void requestCompile(String project, String environment) {
        enqueue(new Target(project, environment), List.of());
    }

    private synchronized void enqueue(Target target, List<ChangeRef> changes) {
        if (closed) {
            LOG.warning("compile queue closed; dropping change " + changes + " (start-up reconciliation recompiles it)");
            return;
        }
        pending.computeIfAbsent(target, t -> new ArrayList<>()).addAll(changes);
        if (!drainScheduled) {
            drainScheduled = true;
            executor.schedule(this::drain, batchingWindow.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        Map<Target, List<ChangeRef>> batch;
        synchronized (this) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            drainScheduled = false;
            draining = true;
        }
        try {
            for (Map.Entry<Target, List<ChangeRef>> entry : byEnvironment(batch).entrySet()) {
                compileOnce(entry.getKey(), entry.getValue());
            }
        } finally {
            synchronized (this) {
                draining = false;
                notifyAll();
            }
        }
    }

    /** Fans project-level changes (no environment) out to every environment of their project. */
    private Map<Target, List<ChangeRef>> byEnvironment(Map<Target, List<ChangeRef>> batch) {
        Map<Target, List<ChangeRef>> grouped = new LinkedHashMap<>();
        for (Map.Entry<Target, List<ChangeRef>> entry : batch.entrySet()) {
            Target target = entry.getKey();
            if (target.environment() != null) {
                grouped.computeIfAbsent(target, t -> new ArrayList<>()).addAll(entry.getValue());
                continue;
            }
            try {
                for (String environment : environmentsOf.apply(target.project())) {
                    grouped.computeIfAbsent(new Target(target.project(), environment), t -> new ArrayList<>())
                            .addAll(entry.getValue());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot list the environments of " + target.project() + "; will retry", e);
                retryLater(target, entry.getValue());
            }
        }
        return grouped;
    }

    private void compileOnce(Target target, List<ChangeRef> changes) {
        try {
            compiler.compile(target.project(), target.environment(), changes);
            synchronized (this) {
                failedAttempts.remove(target);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "compile of " + target.project() + "/" + target.environment() + " failed; will retry", e);
            retryLater(target, changes);
        }
    }

    private synchronized void retryLater(Target target, List<ChangeRef> changes) {
        if (closed) {
            return;
        }
        int attempt = failedAttempts.merge(target, 1, Integer::sum);
        long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt - 1, 16));
        List<ChangeRef> waiting = awaitingRetry.get(target);
        if (waiting != null) { // a retry is already scheduled: it will carry these changes too
            waiting.addAll(changes);
            return;
        }
        awaitingRetry.put(target, new ArrayList<>(changes));
        executor.schedule(() -> {
            List<ChangeRef> retry;
            synchronized (this) {
                retry = awaitingRetry.remove(target);
            }
            if (retry != null) {
                enqueue(target, retry);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** True when nothing is pending, compiling or waiting for a retry. */
    public synchronized boolean idle() {
        return pending.isEmpty() && !drainScheduled && !draining && awaitingRetry.isEmpty();
    }

    /** Waits until {@link #idle()}; returns false on timeout. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 20));
        }
        return true;
    }

    /** Stops taking changes, compiles what is queued once more, and ends the compiler thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        executor.shutdown(); // lets a running compile finish; cancels delayed drains and retries
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning("a compile did not finish within 30 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            awaitingRetry.forEach((target, changes) -> pending.computeIfAbsent(target, t -> new ArrayList<>()).addAll(changes));
            awaitingRetry.clear();
        }
        drain(); // one last attempt for everything still queued; a failure here is logged (start-up recompiles)
    }
}
