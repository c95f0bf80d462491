package dev.vexil.core.compiler;

import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.push.ChangeNotifier;
import dev.vexil.core.sign.SnapshotSigner;
import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds one environment's snapshot from the table (the source of truth; an old snapshot is never patched, so
 * retries, replays and out-of-order batches all converge), validates it strictly, seals it and publishes it.
 * Used by the compiler Lambda and by local mode. A flag that fails validation is published marked malformed
 * ({@link SnapshotBuild}; metric {@code MalformedFlags}), so the other flags, kills included, still publish. A state
 * invalid outside its flags, or a snapshot beyond {@link SnapshotLimits}, is not published: the previous snapshot
 * stays live and an error line with the {@code InvalidEnvironment} or {@code SnapshotTooLarge} metric is logged.
 * With a {@link SnapshotSigner}, every published snapshot is signed after validation and before sealing
 * (docs/snapshot-format.md, "Signature"). Failures (storage, publishing) are logged with {@code CompileFailures} and
 * rethrown, so that the caller retries.
 */
public final class SnapshotCompiler {
    private final FlagRepository repository;
    private final SnapshotPublisher publisher;
    private final Clock clock;
    private final CompilerTelemetry telemetry;
    private final SnapshotSigner signer; // null: unsigned
    private final ChangeFanOut fanOut; // null: push off

    /** A compiler that publishes unsigned snapshots (tests, tools); the deployed wirings sign. */
    public SnapshotCompiler(FlagRepository repository, SnapshotPublisher publisher, Clock clock) {
        this(repository, publisher, clock, CompilerTelemetry.stdout(clock));
    }

    /** As {@link #SnapshotCompiler(FlagRepository, SnapshotPublisher, Clock)}, unsigned, with its own telemetry. */
    public SnapshotCompiler(FlagRepository repository, SnapshotPublisher publisher, Clock clock,
                            CompilerTelemetry telemetry) {
        this(repository, publisher, clock, telemetry, null);
    }

    /** A compiler that signs every snapshot it publishes with {@code signer} (null: unsigned). */
    public SnapshotCompiler(FlagRepository repository, SnapshotPublisher publisher, Clock clock,
                            CompilerTelemetry telemetry, SnapshotSigner signer) {
        this(repository, publisher, clock, telemetry, signer, null);
    }

    /**
     * A compiler that signs (null: unsigned) and, after each publish, writes deltas and notifies SDKs through
     * {@code notifier} ({@link ChangeFanOut}; null: push off).
     */
    public SnapshotCompiler(FlagRepository repository, SnapshotPublisher publisher, Clock clock,
                            CompilerTelemetry telemetry, SnapshotSigner signer, ChangeNotifier notifier) {
        this.fanOut = notifier == null ? null : new ChangeFanOut(publisher, notifier, telemetry);
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
        this.telemetry = telemetry;
        this.signer = signer;
    }

    /** Compiles and publishes one environment; the state read includes at least the {@code mustInclude} versions. */
    public CompileResult compile(String project, String environment, Collection<ChangeRef> mustInclude) {
        return compile(project, environment, mustInclude, null);
    }

    /** As {@link #compile(String, String, Collection)}; {@code newestChangeAt} (nullable) gives PublishLagMs. */
    public CompileResult compile(String project, String environment, Collection<ChangeRef> mustInclude,
                                 Instant newestChangeAt) {
        long started = System.nanoTime();
        try {
            CompileResult result = build(project, environment, mustInclude, started);
            Long lag = result.outcome() == CompileResult.Outcome.PUBLISHED && newestChangeAt != null
                    ? Math.max(0, clock.millis() - newestChangeAt.toEpochMilli()) : null;
            telemetry.compiled(result, lag);
            return result;
        } catch (RuntimeException e) {
            telemetry.failed(project, environment, e, elapsedMs(started));
            throw e;
        }
    }

    private CompileResult build(String project, String environment, Collection<ChangeRef> mustInclude, long started) {
        EnvironmentState state = repository.loadEnvironmentState(project, environment, mustInclude);
        int flags = state.flags().size();
        int segments = state.segments().size();
        long version = state.changeCounter();

        // Cheap skip: a replayed or late batch whose version is already current needs no assembly or upload.
        OptionalLong current = publisher.currentVersion(project, environment);
        if (current.isPresent() && current.getAsLong() >= version) {
            CompileResult.Outcome outcome = current.getAsLong() == version
                    ? CompileResult.Outcome.UNCHANGED : CompileResult.Outcome.SUPERSEDED;
            return new CompileResult(project, environment, version, outcome, flags, segments, null, null,
                    elapsedMs(started), List.of());
        }

        SnapshotBuild build = SnapshotBuild.from(state, clock.instant(), signer);
        if (!build.valid()) {
            return new CompileResult(project, environment, version, CompileResult.Outcome.INVALID, flags, segments,
                    null, null, elapsedMs(started), build.problems());
        }
        SnapshotObject object = build.object();
        long bytes = object.json().length;
        long gzipBytes = object.gzip().length;
        if (SnapshotLimits.of(object).excess().isPresent()) {
            return new CompileResult(project, environment, version, CompileResult.Outcome.TOO_LARGE, flags, segments,
                    bytes, gzipBytes, elapsedMs(started), List.of(), build.malformed());
        }
        CompileResult.Outcome outcome = switch (publisher.publish(object)) {
            case PUBLISHED -> CompileResult.Outcome.PUBLISHED;
            case UNCHANGED -> CompileResult.Outcome.UNCHANGED;
            case SUPERSEDED -> CompileResult.Outcome.SUPERSEDED;
        };
        if (outcome == CompileResult.Outcome.PUBLISHED && fanOut != null) {
            fanOut.published(object);
        }
        return new CompileResult(project, environment, version, outcome, flags, segments, bytes, gzipBytes,
                elapsedMs(started), List.of(), build.malformed());
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
