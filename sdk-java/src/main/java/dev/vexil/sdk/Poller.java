package dev.vexil.sdk;

import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.snapshot.SnapshotSignatureException;
import dev.vexil.wire.ChangeNotification;
import dev.vexil.wire.KillList;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one daemon poller thread. Each cycle fetches the snapshot, then the kill list, each with its own ETag, applies
 * both in one swap, updates the last-known-good cache, and schedules the next cycle only after this one finished,
 * so there is never more than one request in flight. If the first cycle brings nothing to serve, it asks the
 * {@link FallbackLoader} for the cache or the bootstrap file, and resumes with the ETags recorded beside them.
 *
 * <p>It pushes everything it learns into stores it was given (the {@link EnvironmentStore}, the cache) and into the
 * {@link SourceStatus} it owns; it never calls back into the client.
 *
 * <p>Push (docs/push.md) only makes cycles come sooner: {@link #fetchNow} runs the next cycle at once, coalescing
 * any number of calls into one cycle (still one request in flight). A notified version ({@link PushTarget}) is
 * fetched as a delta or as its immutable version object before {@code current.json}; if the edge does not have it
 * yet, the cycle is retried with a short backoff a few times, then left to polling.
 */
final class Poller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Poller.class.getName());

    private final EdgeClient edge;
    private final SnapshotReader reader;
    private final EnvironmentStore store;
    private final SnapshotCache cache; // null without cacheDirectory
    private final Backoff backoff;
    private final Duration pollInterval;
    private final FallbackLoader fallback;
    private final SourceStatus status;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vexil-poller");
        t.setDaemon(true);
        return t;
    });

    private final AtomicReference<ChangeNotification> notified = new AtomicReference<>();
    private final AtomicBoolean immediateCyclePending = new AtomicBoolean();
    private ScheduledFuture<?> nextCycle; // guarded by this

    // Poller thread only:
    private final PushTarget target;
    private String snapshotEtag;
    private String killListEtag;
    private boolean firstCycle = true;

    Poller(EdgeClient edge, SnapshotReader reader, EnvironmentStore store, SnapshotCache cache, Backoff backoff,
           Duration pollInterval, Clock clock, FallbackLoader fallback) {
        this.edge = edge;
        this.reader = reader;
        this.store = store;
        this.cache = cache;
        this.backoff = backoff;
        this.pollInterval = pollInterval;
        this.fallback = fallback;
        this.status = new SourceStatus(clock);
        this.target = new PushTarget(edge, reader);
    }

    void start() {
        status.running(true);
        scheduler.execute(this::cycle);
    }

    /**
     * Runs a cycle now rather than at the next poll, aiming at {@code version} when given (a push notification;
     * null after a reconnect). Calls made while a cycle is already pending collapse into it.
     */
    void fetchNow(ChangeNotification version) {
        if (version != null) {
            notified.accumulateAndGet(version, (held, next) -> held == null || next.version() > held.version()
                    ? next : held);
        }
        if (!status.running() || !immediateCyclePending.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (nextCycle != null) {
                nextCycle.cancel(false);
            }
        }
        try {
            scheduler.execute(this::cycle);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** The notified-version fetching, for its counters (tests, benchmarks). */
    PushTarget pushTarget() {
        return target;
    }

    /** What this poller reports: written here only, read by the client's status. */
    SourceStatus status() {
        return status;
    }

    private void cycle() {
        if (!status.running()) {
            return;
        }
        immediateCyclePending.set(false);
        target.aimAt(notified.getAndSet(null));
        Duration next;
        try {
            next = pollOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // closing
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Vexil: unexpected error in a poll cycle", e);
            next = failed(List.of("unexpected error in a poll cycle: " + e), null);
        }
        if (firstCycle) {
            firstCycle = false;
            if (store.current() == null) {
                serveFallback();
            }
        }
        if (next == null) {
            status.running(false);
            return;
        }
        Duration retry = target.afterCycle(store.current(), status.consecutiveFailures() == 0);
        if (retry != null && retry.compareTo(next) < 0) {
            next = retry;
        }
        try {
            synchronized (this) {
                if (nextCycle != null) {
                    nextCycle.cancel(false); // an immediate cycle ran meanwhile: one chain of cycles only
                }
                if (status.running()) {
                    nextCycle = scheduler.schedule(this::cycle, next.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /**
     * Serves the cache or the bootstrap file and resumes with their ETags, so that the edge can confirm them with a
     * 304.
     */
    private void serveFallback() {
        fallback.serve(status).ifPresent(data -> {
            snapshotEtag = data.snapshotEtag();
            killListEtag = data.killListEtag();
        });
    }

    /** One cycle; returns the delay before the next one, or null to stop polling. */
    private Duration pollOnce() throws InterruptedException {
        PollStep snapshotStep = fetchSnapshot();
        PollStep killStep = snapshotStep.edgeHealthy() ? fetchKillList() : PollStep.skipped();

        List<String> problems = new ArrayList<>();
        EnvironmentStore.Applied applied = store.applyFromEdge(snapshotStep.snapshot(), snapshotStep.confirmed(),
                killStep.killList());
        switch (applied.offer()) {
            case ACCEPTED, SAME -> {
                snapshotEtag = snapshotStep.etag();
                if (applied.offer() == EnvironmentStore.Offer.ACCEPTED) {
                    target.accepted(snapshotStep.snapshot().version(), snapshotStep.verifiedBody());
                }
            }
            case OLDER, UNCOMPILABLE -> problems.add(applied.problem());
            case NONE -> {
                if (snapshotStep.confirmed()) { // a 304: the ETag still matches
                    snapshotEtag = snapshotStep.etag() != null ? snapshotStep.etag() : snapshotEtag;
                }
            }
        }
        if (killStep.killList() != null) {
            killListEtag = killStep.etag();
        }
        updateCache(applied.offer() == EnvironmentStore.Offer.ACCEPTED ? snapshotStep.verifiedBody() : null,
                snapshotStep.confirmed() || killStep.killList() != null);

        if (snapshotStep.kind() == PollStep.Kind.KEY_REFUSED || killStep.kind() == PollStep.Kind.KEY_REFUSED) {
            String problem = snapshotStep.kind() == PollStep.Kind.KEY_REFUSED
                    ? snapshotStep.problem() : killStep.problem();
            Duration retry = backoff.afterKeyRefused(pollInterval);
            boolean newlyRefused = status.keyRefused(problem);
            // Logged once per refusal, not on every retry; the key itself is never logged.
            LOG.log(newlyRefused ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG, "Vexil: " + problem
                    + ". The client keeps serving what it has and retries the key in " + retry.toSeconds()
                    + " s (at most every " + Backoff.DEFAULT_KEY_REFUSED_RETRY.toMinutes()
                    + " minutes). Check the SDK key.");
            return retry;
        }
        for (PollStep step : List.of(snapshotStep, killStep)) {
            if (step.problem() != null) {
                problems.add(step.problem());
            }
        }
        if (snapshotStep.edgeHealthy() && status.keyAccepted()) {
            LOG.log(System.Logger.Level.INFO, "Vexil: the edge accepts the SDK key again");
        }
        if (problems.isEmpty()) {
            int failedBefore = status.succeeded();
            if (failedBefore > 0) {
                LOG.log(System.Logger.Level.INFO, "Vexil: edge reachable again after " + failedBefore
                        + " failed poll cycle(s)");
            }
            return backoff.afterSuccess(pollInterval);
        }
        return failed(problems, List.of(snapshotStep, killStep));
    }

    private Duration failed(List<String> problems, List<PollStep> steps) {
        String problem = String.join("; ", problems);
        int consecutiveFailures = status.failed(problem);
        LOG.log(consecutiveFailures == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                "Vexil: poll failed (" + consecutiveFailures + " in a row), keeping the last good data: " + problem);
        Duration retryAfter = null;
        boolean backOff = steps == null;
        if (steps != null) {
            for (PollStep step : steps) {
                if (step.kind() == PollStep.Kind.THROTTLED) {
                    retryAfter = retryAfter == null || step.retryAfter().compareTo(retryAfter) > 0
                            ? step.retryAfter() : retryAfter;
                }
                backOff |= step.kind() == PollStep.Kind.RETRY || step.kind() == PollStep.Kind.THROTTLED;
            }
        }
        if (retryAfter != null) {
            return backoff.afterRetryAfter(retryAfter);
        }
        return backOff ? backoff.afterFailure(consecutiveFailures) : backoff.afterSuccess(pollInterval);
    }

    private PollStep fetchSnapshot() throws InterruptedException {
        PollStep notifiedVersion = target.fetch(store.current());
        if (notifiedVersion != null) {
            return notifiedVersion;
        }
        EdgeResponse response;
        try {
            response = edge.get(EdgeClient.SNAPSHOT_PATH, snapshotEtag);
        } catch (IOException e) {
            return PollStep.failed(PollStep.Kind.RETRY, "snapshot request failed: " + describe(e));
        }
        int status = response.status();
        return switch (status) {
            case 200 -> {
                try {
                    Snapshot snapshot = reader.read(response.body());
                    yield PollStep.ok(snapshot, response.body(), response.etag(), true, null);
                } catch (SnapshotSignatureException e) {
                    yield PollStep.failed(PollStep.Kind.RETRY, "refused an unverifiable snapshot: " + e.getMessage());
                } catch (SnapshotFormatException | RuntimeException e) {
                    yield PollStep.failed(PollStep.Kind.RETRY, "refused a corrupt snapshot: " + e.getMessage());
                }
            }
            case 304 -> PollStep.ok(null, null, response.etag(), true, null);
            case 404 -> PollStep.failed(PollStep.Kind.SOFT_FAILURE,
                    "no snapshot at the edge (404): nothing published for this environment yet");
            default -> failure("snapshot", response);
        };
    }

    private PollStep fetchKillList() throws InterruptedException {
        EdgeResponse response;
        try {
            response = edge.get(EdgeClient.KILL_LIST_PATH, killListEtag);
        } catch (IOException e) {
            return PollStep.failed(PollStep.Kind.RETRY, "kill list request failed: " + describe(e));
        }
        return switch (response.status()) {
            case 200 -> {
                try {
                    yield PollStep.ok(null, null, response.etag(), false, KillList.parse(response.body()));
                } catch (IOException e) {
                    yield PollStep.failed(PollStep.Kind.RETRY, "refused a corrupt kill list: " + e.getMessage());
                }
            }
            case 304 -> PollStep.ok(null, null, response.etag(), false, null);
            case 404 -> PollStep.ok(null, null, null, false, KillList.NONE); // 404 means "no kill list"
            default -> failure("kill list", response);
        };
    }

    private static PollStep failure(String what, EdgeResponse response) {
        int status = response.status();
        if (status == 401 || status == 403) {
            return PollStep.failed(PollStep.Kind.KEY_REFUSED, status == 403
                    ? "SDK key refused (403): it may be revoked"
                    : "SDK key refused (401): the edge did not accept the Authorization header");
        }
        if ((status == 429 || status == 503) && response.retryAfter() != null) {
            return PollStep.throttled(what + " request throttled (" + status + "), Retry-After "
                    + response.retryAfter().toSeconds() + " s", response.retryAfter());
        }
        return PollStep.failed(PollStep.Kind.RETRY, what + " request failed: HTTP " + status);
    }

    private void updateCache(byte[] acceptedBody, boolean confirmedOrKillListChanged) {
        EnvironmentHolder served = store.current();
        if (cache == null || served == null || (acceptedBody == null && !confirmedOrKillListChanged)) {
            return;
        }
        if (served.source != DataSource.EDGE && acceptedBody == null) {
            return; // only write what the edge gave us
        }
        SnapshotCache.CacheState state = new SnapshotCache.CacheState(served.version,
                served.snapshot.contentHash(), store.confirmedAt(), snapshotEtag, store.killList(), killListEtag);
        try {
            if (acceptedBody != null) {
                cache.writeSnapshot(acceptedBody, state);
            } else {
                cache.writeState(state);
            }
        } catch (IOException e) {
            status.problem("cannot write the last-known-good cache: " + describe(e));
            LOG.log(System.Logger.Level.WARNING, "Vexil: cannot write the last-known-good cache", e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out (" + e.getMessage() + ")";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        status.running(false);
        scheduler.shutdownNow();
        edge.close();
    }
}
