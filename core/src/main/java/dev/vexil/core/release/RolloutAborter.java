package dev.vexil.core.release;

import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Aborts a plan and restores the configuration the flag had before it, as a new version. Three writes, each
 * conditional: the plan becomes {@code aborting} (which also takes it away from any scheduler holding a claim),
 * the flag gets its pre-plan configuration (retried over concurrent writers; skipped when the abort marker is
 * already in the history), the plan becomes {@code aborted}. An abort interrupted half-way is finished by the next
 * abort of the same plan.
 */
final class RolloutAborter {
    private static final int ATTEMPTS = 5;

    private final FlagChanges flags;
    private final ReleaseStore store;
    private final ReleaseRecords records;
    private final Clock clock;

    RolloutAborter(FlagChanges flags, ReleaseStore store, ReleaseRecords records, Clock clock) {
        this.flags = flags;
        this.store = store;
        this.records = records;
        this.clock = clock;
    }

    /** {@code record} holds a plan that is active, completed or aborting; throws VersionConflict if it moved. */
    RolloutPlan abort(ReleaseRecord record, String principal, String action, String why) {
        FlagRef ref = FlagRef.of(record.key());
        RolloutPlan plan = records.read(record, RolloutPlan.class);
        Instant now = clock.instant();
        if (!RolloutPlan.ABORTING.equals(plan.status())) {
            RolloutPlan aborting = plan.with(RolloutPlan.ABORTING, null, null, why,
                    new ReleaseEvent(now, "aborting", principal, why, null));
            record = store.replace(record.next(null, records.tree(aborting)), record.revision());
            plan = aborting;
        }
        long version = restore(ref, plan, principal, action, why);
        RolloutPlan aborted = plan.restored(version, clock.instant(), principal, why);
        store.replace(record.next(null, records.tree(aborted)), record.revision());
        for (String alarm : plan.guards()) {
            store.watch(alarm, record.key(), now);
        }
        return aborted;
    }

    private long restore(FlagRef ref, RolloutPlan plan, String principal, String action, String why) {
        Optional<HistoryEntry<FlagConfig>> done = flags.writtenWith(ref, plan.abortMarker(), plan.basedOn());
        if (done.isPresent()) {
            return done.get().version();
        }
        FlagConfig before = flags.contentAt(ref, plan.basedOn());
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<FlagConfig>> current = flags.current(ref);
            try {
                return flags.write(ref, current.map(Versioned::value).orElse(null), before,
                        current.map(Versioned::version).orElse(0L), principal, action, why + " "
                                + plan.abortMarker() + ": restored the configuration of version " + plan.basedOn(),
                        clock.instant()).version();
            } catch (StoreException.VersionConflict | StoreException.AlreadyExists race) {
                if (attempt >= ATTEMPTS) {
                    throw race;
                }
            }
        }
    }
}
