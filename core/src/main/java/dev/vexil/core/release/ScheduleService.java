package dev.vexil.core.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.ProjectGuard;
import dev.vexil.core.admin.service.Role;
import dev.vexil.core.admin.service.WritePrecondition;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Scheduled changes of a flag: create (against the flag version it was written for), list and cancel. The
 * {@link ScheduleRunner} applies them when due.
 */
public final class ScheduleService {
    /** A guarded schedule without {@code bakeTime} is watched this long after it applies. */
    static final Duration DEFAULT_BAKE = Duration.ofHours(1);
    private static final Set<String> FIELDS = Set.of("at", "change", "comment", "onConflict", "guards", "bakeTime");

    private final ReleaseStore store;
    private final ProjectGuard guard;
    private final FlagChanges flags;
    private final GuardAlarms alarms;
    private final ObjectMapper mapper;
    private final ReleaseRecords records;
    private final ScheduleAudit audit;
    private final Clock clock;

    public ScheduleService(FlagRepository repository, ReleaseStore store, GuardAlarms alarms, ObjectMapper mapper,
                           Clock clock) {
        this.store = store;
        this.guard = new ProjectGuard(repository);
        this.flags = new FlagChanges(repository, mapper);
        this.alarms = alarms;
        this.mapper = mapper;
        this.records = new ReleaseRecords(mapper);
        this.audit = new ScheduleAudit(repository, mapper);
        this.clock = clock;
    }

    public Schedule create(Caller caller, FlagRef ref, JsonNode body, WritePrecondition precondition) {
        var environment = guard.environment(ref.project(), ref.environment(), caller, Role.EDITOR);
        guard.definition(ref.project(), ref.flag());
        // a schedule is a write made later: in a protected environment it is a change request with applyAt
        ProjectGuard.requireDirectWrite(ref.project(), environment, caller);
        Instant now = clock.instant();
        ReleaseBodies.object(body, FIELDS);
        Instant at = ReleaseBodies.futureInstant(body, "at", now);
        String comment = ReleaseBodies.comment(body);
        long basedOn = precondition.expectedVersionIfGiven(flags.currentVersion(ref),
                "configuration of flag \"" + ref.flag() + "\"");
        ScheduledChange change = ScheduledChange.parse(body.get("change"), mapper, basedOn,
                json -> flags.problems(ref, json));
        String onConflict = onConflict(body, change);
        List<String> guards = ReleaseBodies.guards(body, alarms);
        Duration bake = ReleaseBodies.duration(body.get("bakeTime"), "bakeTime");
        if (bake != null && guards.isEmpty()) {
            throw AdminException.invalid("bakeTime", "only means something with guards");
        }
        String id = ReleaseIds.next(now);
        Schedule schedule = new Schedule(id, at, body.get("change"), comment, onConflict, guards,
                guards.isEmpty() ? null : (bake == null ? DEFAULT_BAKE : bake).toString(), basedOn,
                Schedule.PENDING, caller.principal(), now, null, null, null,
                List.of(new ReleaseEvent(now, "created", caller.principal(), comment, basedOn)));
        // due now until its creation is in the audit log: a crash before that is made good by the next tick
        ReleaseRecord created = store.create(ReleaseRecord.create(ref.key(Schedule.KIND, id),
                audit.enabled() ? now : at, records.tree(schedule)));
        audited(ref, schedule, created, at);
        return schedule;
    }

    public List<Schedule> list(Caller caller, FlagRef ref) {
        guard.environment(ref.project(), ref.environment(), caller, Role.VIEWER);
        guard.definition(ref.project(), ref.flag());
        return store.list(ref.project(), ref.environment(), ref.flag(), Schedule.KIND).stream()
                .map(r -> records.read(r, Schedule.class)).toList();
    }

    /** Cancels a pending schedule; one that has already run, or is being applied right now, is a 409. */
    public Schedule cancel(Caller caller, FlagRef ref, String id) {
        guard.environment(ref.project(), ref.environment(), caller, Role.EDITOR);
        guard.definition(ref.project(), ref.flag());
        ReleaseRecord record = store.get(ref.key(Schedule.KIND, id))
                .orElseThrow(() -> AdminException.notFound("flag \"" + ref.flag() + "\" has no schedule " + id));
        Schedule schedule = records.read(record, Schedule.class);
        Instant now = clock.instant();
        if (!Schedule.PENDING.equals(schedule.status()) || record.claimedAt(now)) {
            throw AdminException.conflict("schedule " + id + " is " + (record.claimedAt(now) ? "being applied"
                    : schedule.status()) + "; only a pending schedule can be cancelled");
        }
        Schedule cancelled = schedule.with(Schedule.CANCELLED, null, null, "cancelled by " + caller.principal(),
                new ReleaseEvent(now, "cancelled", caller.principal(), caller.comment(), null));
        ReleaseRecord written;
        try {
            written = store.replace(record.next(audit.enabled() ? now : null, records.tree(cancelled)),
                    record.revision());
        } catch (StoreException.VersionConflict race) {
            throw AdminException.conflict("schedule " + id + " changed while it was being cancelled (the scheduler"
                    + " may have claimed it); read it again");
        }
        audited(ref, cancelled, written, null);
        return cancelled;
    }

    /** Writes the schedule's missing audit entries, then makes it due at {@code dueAt} (null: never) again. */
    private void audited(FlagRef ref, Schedule schedule, ReleaseRecord written, Instant dueAt) {
        if (!audit.enabled()) {
            return;
        }
        audit.write(ref, schedule);
        try {
            store.replace(written.next(dueAt, written.body()), written.revision());
        } catch (StoreException.VersionConflict claimed) {
            // a scheduler took it meanwhile: it writes the audit entries (again, harmlessly) and sets the due time
        }
    }

    private static String onConflict(JsonNode body, ScheduledChange change) {
        JsonNode value = body.get("onConflict");
        if (value == null || value.isNull()) {
            return "skip";
        }
        if (!value.isTextual() || !Set.of("skip", "apply").contains(value.textValue())) {
            throw AdminException.invalid("onConflict", "expected \"skip\" (the default) or \"apply\"");
        }
        if ("apply".equals(value.textValue()) && !change.onOff()) {
            throw AdminException.invalid("onConflict", "\"apply\" is only allowed for {\"on\": true|false} changes");
        }
        return value.textValue();
    }
}
