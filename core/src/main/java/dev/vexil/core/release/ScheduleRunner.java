package dev.vexil.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.validate.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies a due schedule, exactly once. If the flag is still at the schedule's {@code basedOn} version the change
 * is one conditional write expecting that version, by {@link ReleasePrincipals#SCHEDULER}, whose comment names the
 * author and carries the schedule's marker. If the flag changed since, the schedule is marked {@code conflict}
 * (an on/off change with {@code "onConflict": "apply"} is applied to the current version instead). A run after a
 * crash first looks for its own marker in the history since {@code basedOn}: found, the schedule is only marked
 * applied.
 */
public final class ScheduleRunner implements DueWork {
    private final FlagChanges flags;
    private final ReleaseStore store;
    private final ReleaseRecords records;
    private final ScheduleAudit audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ScheduleRunner(FlagRepository repository, ReleaseStore store, ObjectMapper mapper, Clock clock) {
        this.flags = new FlagChanges(repository, mapper);
        this.store = store;
        this.records = new ReleaseRecords(mapper);
        this.audit = new ScheduleAudit(repository, mapper);
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Schedule.KIND;
    }

    @Override
    public ReleaseRecord run(ReleaseRecord claimed) {
        Schedule schedule = records.read(claimed, Schedule.class);
        FlagRef ref = FlagRef.of(claimed.key());
        audit.write(ref, schedule); // its creation or cancellation, if a crash kept it out of the audit log
        if (!Schedule.PENDING.equals(schedule.status())) {
            return claimed.next(null, claimed.body());
        }
        if (schedule.at().isAfter(clock.instant())) {
            return claimed.next(schedule.at(), claimed.body()); // due only for its audit entry
        }
        Schedule next = apply(ref, schedule);
        return claimed.next(null, records.tree(next));
    }

    private Schedule apply(FlagRef ref, Schedule schedule) {
        Instant now = clock.instant();
        Optional<HistoryEntry<FlagConfig>> done = flags.writtenWith(ref, schedule.marker(), schedule.basedOn());
        if (done.isPresent()) {
            return applied(ref, schedule, done.get().version(), now, "applied (found after an interrupted run)");
        }
        Optional<Versioned<FlagConfig>> current = flags.current(ref);
        long currentVersion = current.map(Versioned::version).orElse(0L);
        if (flags.inProtectedEnvironment(ref)) {
            String why = "environment \"" + ref.environment() + "\" became protected after the schedule was"
                    + " created: it is not applied without a review; propose it as a change request with applyAt";
            return schedule.with(Schedule.CONFLICT, null, null, why,
                    new ReleaseEvent(now, "conflict", ReleasePrincipals.SCHEDULER, why, currentVersion));
        }
        ScheduledChange change = ScheduledChange.parse(schedule.change(), mapper, Long.MAX_VALUE, json -> List.of());
        boolean moved = currentVersion != schedule.basedOn();
        if (moved && !("apply".equals(schedule.onConflict()) && change.onOff())) {
            return conflict(ref, schedule, currentVersion, now);
        }
        FlagConfig before = current.map(Versioned::value).orElse(null);
        FlagConfig after = change.applyTo(before == null ? FlagConfig.notConfigured() : before,
                version -> flags.contentAt(ref, version));
        List<Problem> problems = flags.problems(ref, after);
        if (!problems.isEmpty()) {
            return schedule.with(Schedule.FAILED, null, null, "not valid any more: " + problems.get(0),
                    new ReleaseEvent(now, "failed", ReleasePrincipals.SCHEDULER, problems.get(0).toString(), null));
        }
        try {
            Versioned<FlagConfig> written = flags.write(ref, before, after, currentVersion,
                    ReleasePrincipals.SCHEDULER, "scheduled-change", comment(schedule), now);
            return applied(ref, schedule, written.version(), now, moved ? "applied over later changes"
                    + " (onConflict: apply)" : "applied");
        } catch (StoreException.VersionConflict | StoreException.AlreadyExists race) {
            // someone wrote between our read and our write: either another scheduler running this very schedule
            // (its marker is there), or a person
            Optional<HistoryEntry<FlagConfig>> theirs = flags.writtenWith(ref, schedule.marker(),
                    schedule.basedOn());
            if (theirs.isPresent()) {
                return applied(ref, schedule, theirs.get().version(), now, "applied (by a concurrent run)");
            }
            return conflict(ref, schedule, flags.currentVersion(ref), now);
        }
    }

    private Schedule applied(FlagRef ref, Schedule schedule, long version, Instant now, String detail) {
        if (!schedule.guards().isEmpty()) {
            Instant bakeEnd = now.plus(Duration.parse(schedule.bakeTime()));
            for (String alarm : schedule.guards()) {
                store.watch(alarm, ref.key(Schedule.KIND, schedule.id()), bakeEnd);
            }
        }
        return schedule.with(Schedule.APPLIED, version, now, detail,
                new ReleaseEvent(now, "applied", ReleasePrincipals.SCHEDULER, detail, version));
    }

    private Schedule conflict(FlagRef ref, Schedule schedule, long currentVersion, Instant now) {
        String why = "the flag changed since version " + schedule.basedOn() + ": it is at "
                + flags.describeVersion(ref, currentVersion) + "; the schedule does not overwrite it";
        return schedule.with(Schedule.CONFLICT, null, null, why,
                new ReleaseEvent(now, "conflict", ReleasePrincipals.SCHEDULER, why, currentVersion));
    }

    /** Names the author and the schedule, and carries the marker a later run looks for. */
    private static String comment(Schedule schedule) {
        return "scheduled by " + schedule.createdBy() + " " + schedule.marker()
                + (schedule.comment() == null ? "" : ": " + schedule.comment());
    }
}
