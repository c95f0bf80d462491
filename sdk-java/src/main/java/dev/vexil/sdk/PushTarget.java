package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotDelta;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.wire.ChangeNotification;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The version a push notification announced, and how the poller gets it (docs/push.md, "Fetching a notified
 * version"): when the client is at most {@link #MAX_DELTA_BEHIND} versions behind, the delta
 * ({@code /sdk/v1/deltas/{held}/{N}}), applied to the held snapshot and checked against the notified
 * {@code contentHash}; otherwise, or when the delta is missing or does not check out, the immutable version object
 * ({@code /sdk/v1/snapshots/{N}}, never stale in a CDN, unlike {@code current.json}). Whatever it brings is read
 * like any snapshot (hash, signature, validation), so nothing unverified is served. If neither is readable yet,
 * the poller falls back to {@code current.json} for that cycle and retries the version {@link #RETRIES} times with
 * a short full-jitter backoff, then leaves it to polling. Poller thread only.
 */
final class PushTarget {
    static final int MAX_DELTA_BEHIND = 5;
    static final int RETRIES = 5;
    private static final System.Logger LOG = System.getLogger(PushTarget.class.getName());

    private final EdgeClient edge;
    private final SnapshotReader reader;
    private final Backoff retryBackoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4),
            Duration.ofMillis(50), new SplittableRandom());
    private ChangeNotification wanted; // null: nothing announced beyond what is held
    private int attempts;
    // The last snapshot accepted from the edge, as verified: what a delta applies to. The model alone cannot be
    // rendered back exactly (it leaves out the signature and members this SDK does not know).
    private byte[] heldBody;
    private long heldVersion = -1;
    private volatile long deltasApplied;
    private volatile long deltasRefused;

    PushTarget(EdgeClient edge, SnapshotReader reader) {
        this.edge = edge;
        this.reader = reader;
    }

    /** The poller accepted {@code verifiedBody} (version {@code version}) from the edge. */
    void accepted(long version, byte[] verifiedBody) {
        heldVersion = version;
        heldBody = verifiedBody;
    }

    /** A newer announcement replaces an older one; an older one changes nothing. */
    void aimAt(ChangeNotification notification) {
        if (notification != null && (wanted == null || notification.version() > wanted.version())) {
            wanted = notification;
            attempts = 0;
        }
    }

    /** The announced version as a poll step, or null when there is none to fetch or the edge does not have it. */
    PollStep fetch(EnvironmentHolder held) throws InterruptedException {
        if (wanted == null || held != null && held.version >= wanted.version()) {
            return null;
        }
        if (held != null && held.version == heldVersion && wanted.version() - held.version <= MAX_DELTA_BEHIND) {
            PollStep viaDelta = viaDelta(held, wanted);
            if (viaDelta != null) {
                return viaDelta;
            }
        }
        return viaVersionObject(wanted);
    }

    private PollStep viaDelta(EnvironmentHolder held, ChangeNotification target) throws InterruptedException {
        String path = "/sdk/v1/deltas/" + held.version + "/" + target.version();
        try {
            EdgeResponse response = edge.get(path, null);
            if (response.status() != 200) {
                LOG.log(System.Logger.Level.DEBUG, "Vexil: no delta " + path + " (HTTP " + response.status()
                        + "), fetching version " + target.version() + " whole");
                return null;
            }
            ObjectNode delta = SnapshotDelta.read(response.body());
            SnapshotDelta.End to = SnapshotDelta.to(delta);
            if (to.version() != target.version() || !to.contentHash().equals(target.contentHash())) {
                throw new SnapshotFormatException("the delta leads to version " + to.version() + " " + to.contentHash()
                        + ", not to the notified " + target.version() + " " + target.contentHash());
            }
            JsonNode heldTree = SnapshotCodec.readVerifiedTree(heldBody);
            byte[] rebuilt = SnapshotDelta.apply(heldTree, delta);
            Snapshot snapshot = reader.read(rebuilt);
            deltasApplied++;
            return PollStep.ok(snapshot, rebuilt, target.etag(), true, null);
        } catch (IOException | SnapshotFormatException | RuntimeException e) {
            deltasRefused++;
            LOG.log(System.Logger.Level.INFO, "Vexil: refused the delta to version " + target.version() + " ("
                    + e.getMessage() + "); fetching it whole");
            return null;
        }
    }

    private PollStep viaVersionObject(ChangeNotification target) throws InterruptedException {
        try {
            EdgeResponse response = edge.get("/sdk/v1/snapshots/" + target.version(), null);
            if (response.status() != 200) {
                return null; // not readable yet (or refused): this cycle asks current.json, as a poll does
            }
            Snapshot snapshot = reader.read(response.body());
            if (snapshot.version() != target.version() || !target.contentHash().equals(snapshot.contentHash())) {
                LOG.log(System.Logger.Level.WARNING, "Vexil: version object " + target.version()
                        + " does not match its notification; ignored");
                return null;
            }
            return PollStep.ok(snapshot, response.body(), target.etag(), true, null);
        } catch (IOException | SnapshotFormatException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "Vexil: could not fetch version " + target.version() + ": "
                    + e.getMessage());
            return null;
        }
    }

    /**
     * After a cycle: null when the announced version is held (or given up), else how soon to try again (only after
     * a cycle that otherwise succeeded; failures follow the poller's own backoff).
     */
    Duration afterCycle(EnvironmentHolder held, boolean cycleSucceeded) {
        if (wanted == null) {
            return null;
        }
        if (held != null && held.version >= wanted.version()) {
            wanted = null;
            return null;
        }
        if (++attempts > RETRIES) {
            LOG.log(System.Logger.Level.INFO, "Vexil: notified version " + wanted.version() + " is not readable at "
                    + "the edge after " + RETRIES + " tries; polling will bring it");
            wanted = null;
            return null;
        }
        return cycleSucceeded ? retryBackoff.afterFailure(attempts) : null;
    }

    long deltasApplied() {
        return deltasApplied;
    }

    long deltasRefused() {
        return deltasRefused;
    }
}
