package dev.vexil.core.release;

import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs due work exactly once. Each {@link #tick()} reads the items due in the catch-up window (never the whole
 * store), claims each with a conditional write (a claim id and a lease expiry), hands it to its kind's
 * {@link DueWork}, and writes the next state conditionally on the claim. Two schedulers racing for one item: only
 * one claim succeeds. A scheduler that dies after claiming leaves the lease to expire; the next one re-claims and
 * the work itself checks whether its flag write already happened. The local stack ticks it on a timer; on AWS one
 * Lambda invocation is one tick.
 */
public final class ReleaseScheduler {
    /** Items due longer ago than this are not picked up (docs/release-automation.md, "Overdue items"). */
    public static final Duration DEFAULT_CATCH_UP = Duration.ofHours(24);
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);
    private static final int BATCH = 100;

    private final ReleaseStore store;
    private final Clock clock;
    private final Map<String, DueWork> work = new HashMap<>();
    private final Duration lease;
    private final Duration catchUp;

    public ReleaseScheduler(ReleaseStore store, Clock clock, List<DueWork> kinds, Duration lease, Duration catchUp) {
        this.store = store;
        this.clock = clock;
        for (DueWork kind : kinds) {
            work.put(kind.kind(), kind);
        }
        this.lease = lease;
        this.catchUp = catchUp;
    }

    public ReleaseScheduler(ReleaseStore store, Clock clock, List<DueWork> kinds) {
        this(store, clock, kinds, DEFAULT_LEASE, DEFAULT_CATCH_UP);
    }

    /** Runs every item due now; returns how many this scheduler ran (claimed and finished). */
    public int tick() {
        Instant now = clock.instant();
        int ran = 0;
        for (ReleaseRecord due : store.due(now.minus(catchUp), now, BATCH)) {
            if (due.claimedAt(now)) {
                continue; // another scheduler is on it
            }
            DueWork kind = work.get(due.key().kind());
            if (kind == null) {
                continue; // a kind this deployment does not run (e.g. an older version of the scheduler)
            }
            ReleaseRecord claimed;
            try {
                claimed = store.replace(due.claimed(UUID.randomUUID().toString(), now.plus(lease)), due.revision());
            } catch (StoreException.VersionConflict lost) {
                continue; // another scheduler claimed it (or a person changed it) first
            }
            try {
                ReleaseRecord next = kind.run(claimed);
                store.replace(next, claimed.revision());
                ran++;
            } catch (StoreException.VersionConflict overtaken) {
                // a person paused/cancelled/aborted it meanwhile, or our lease ran out and another took over
                JsonLog.warn("release item " + due.key() + " changed while it ran; its new state was kept", null);
            } catch (RuntimeException failure) {
                // left claimed: the lease expires and another tick tries again
                JsonLog.error("release item " + due.key() + " failed; retried when its lease expires",
                        due.key().toString(), failure);
            }
        }
        return ran;
    }
}
