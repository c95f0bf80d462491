package dev.vexil.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.release.store.ReleaseKey;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reacts to a guard alarm entering {@code ALARM}: every plan watching it that is still active (or completed but
 * within its bake time) is aborted, and every schedule watching it that applied within its bake time is undone.
 * Each restore is a new flag version by {@link ReleasePrincipals#GUARD} with the alarm's name in the comment, and
 * is notified. Other states ({@code OK}, {@code INSUFFICIENT_DATA}) change nothing.
 */
public final class GuardService {
    private static final int ATTEMPTS = 5;

    private final ReleaseStore store;
    private final FlagChanges flags;
    private final ReleaseRecords records;
    private final RolloutAborter aborter;
    private final GuardNotifier notifier;
    private final Clock clock;

    public GuardService(FlagRepository repository, ReleaseStore store, GuardNotifier notifier, ObjectMapper mapper,
                        Clock clock) {
        this.store = store;
        this.flags = new FlagChanges(repository, mapper);
        this.records = new ReleaseRecords(mapper);
        this.aborter = new RolloutAborter(flags, store, records, clock);
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Handles one alarm state change; returns the restores it made. */
    public List<GuardRestore> alarmChanged(String alarm, String state) {
        if (!"ALARM".equals(state)) {
            return List.of();
        }
        List<GuardRestore> restores = new ArrayList<>();
        for (ReleaseKey key : store.watchers(alarm, clock.instant())) {
            try {
                restoreOne(alarm, key).ifPresent(restore -> {
                    restores.add(restore);
                    notifier.notify(restore);
                });
            } catch (RuntimeException failure) { // one broken item must not keep the others from being restored
                JsonLog.error("guard " + alarm + " could not restore " + key, key.toString(), failure);
            }
        }
        return restores;
    }

    private Optional<GuardRestore> restoreOne(String alarm, ReleaseKey key) {
        for (int attempt = 1; ; attempt++) {
            Optional<ReleaseRecord> record = store.get(key);
            if (record.isEmpty()) {
                return Optional.empty();
            }
            try {
                return switch (key.kind()) {
                    case RolloutPlan.KIND -> abortPlan(alarm, record.get());
                    case Schedule.KIND -> undoSchedule(alarm, record.get());
                    default -> Optional.empty();
                };
            } catch (StoreException.VersionConflict moved) {
                if (attempt >= ATTEMPTS) {
                    throw moved;
                }
            }
        }
    }

    private Optional<GuardRestore> abortPlan(String alarm, ReleaseRecord record) {
        RolloutPlan plan = records.read(record, RolloutPlan.class);
        Instant now = clock.instant();
        boolean baking = RolloutPlan.COMPLETED.equals(plan.status()) && plan.bakeUntil() != null
                && now.isBefore(plan.bakeUntil());
        if (!plan.active() && !baking && !RolloutPlan.ABORTING.equals(plan.status())) {
            return Optional.empty();
        }
        RolloutPlan aborted = aborter.abort(record, ReleasePrincipals.GUARD, "guard-restore",
                "guard alarm " + alarm + " fired");
        return Optional.of(new GuardRestore(alarm, FlagRef.of(record.key()), RolloutPlan.KIND, plan.id(),
                aborted.restoredVersion(), now));
    }

    private Optional<GuardRestore> undoSchedule(String alarm, ReleaseRecord record) {
        Schedule schedule = records.read(record, Schedule.class);
        Instant now = clock.instant();
        if (!Schedule.APPLIED.equals(schedule.status()) || schedule.appliedAt() == null
                || !now.isBefore(schedule.appliedAt().plus(Duration.parse(schedule.bakeTime())))) {
            return Optional.empty();
        }
        FlagRef ref = FlagRef.of(record.key());
        long previous = schedule.appliedVersion() - 1;
        String why = "guard alarm " + alarm + " fired [guard " + schedule.marker() + "]: restored the"
                + " configuration of version " + previous + " from before schedule " + schedule.id();
        FlagConfig before = flags.contentAt(ref, previous);
        long version = writeOverAnyone(ref, before, why);
        Schedule undone = schedule.with(Schedule.RESTORED, null, null, why,
                new ReleaseEvent(now, "restored", ReleasePrincipals.GUARD, why, version));
        store.replace(record.next(null, records.tree(undone)), record.revision());
        return Optional.of(new GuardRestore(alarm, ref, Schedule.KIND, schedule.id(), version, now));
    }

    /** A restore is an emergency: it goes over whatever is current, re-reading when it loses a race. */
    private long writeOverAnyone(FlagRef ref, FlagConfig config, String comment) {
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<FlagConfig>> current = flags.current(ref);
            try {
                return flags.write(ref, current.map(Versioned::value).orElse(null), config,
                        current.map(Versioned::version).orElse(0L), ReleasePrincipals.GUARD, "guard-restore",
                        comment, clock.instant()).version();
            } catch (StoreException.VersionConflict | StoreException.AlreadyExists race) {
                if (attempt >= ATTEMPTS) {
                    throw race;
                }
            }
        }
    }
}
