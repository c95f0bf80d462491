package dev.vexil.core.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.ProjectGuard;
import dev.vexil.core.admin.service.Role;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Progressive rollouts of a flag: start a plan (which applies its first step), read the current plan, pause,
 * resume, advance and abort it. The {@link RolloutRunner} applies the further steps when their holds have passed.
 * A flag has at most one active plan: plan ids are a per-flag sequence created conditionally, so two racing starts
 * cannot both succeed.
 */
public final class RolloutService {
    static final int MAX_STEPS = 50;
    private static final Set<String> FIELDS = Set.of("variation", "steps", "guards", "bakeTime", "comment");
    private static final Set<String> STEP_FIELDS = Set.of("percent", "hold");

    private final ReleaseStore store;
    private final ProjectGuard guard;
    private final FlagChanges flags;
    private final GuardAlarms alarms;
    private final ReleaseRecords records;
    private final RolloutSteps steps;
    private final RolloutAborter aborter;
    private final Clock clock;

    public RolloutService(FlagRepository repository, ReleaseStore store, GuardAlarms alarms, ObjectMapper mapper,
                          Clock clock) {
        this.store = store;
        this.guard = new ProjectGuard(repository);
        this.flags = new FlagChanges(repository, mapper);
        this.alarms = alarms;
        this.records = new ReleaseRecords(mapper);
        this.steps = new RolloutSteps(flags, store, clock);
        this.aborter = new RolloutAborter(flags, store, records, clock);
        this.clock = clock;
    }

    public RolloutPlan start(Caller caller, FlagRef ref, JsonNode body) {
        var environment = guard.environment(ref.project(), ref.environment(), caller, Role.EDITOR);
        FlagDefinition definition = guard.definition(ref.project(), ref.flag()).value();
        ProjectGuard.requireDirectWrite(ref.project(), environment, caller); // a plan is a sequence of writes
        ReleaseBodies.object(body, FIELDS);
        String comment = ReleaseBodies.comment(body);
        int variation = variation(body.get("variation"), definition);
        List<RolloutPlan.Step> planSteps = steps(body.get("steps"));
        List<String> guards = ReleaseBodies.guards(body, alarms);
        Duration bake = ReleaseBodies.duration(body.get("bakeTime"), "bakeTime");
        Optional<ReleaseRecord> latest = latest(ref);
        if (latest.isPresent() && records.read(latest.get(), RolloutPlan.class).active()) {
            throw AdminException.invalid("", "flag \"" + ref.flag() + "\" already has an active rollout plan ("
                    + latest.get().key().id() + "); abort it or let it complete first");
        }
        Instant now = clock.instant();
        Optional<Versioned<FlagConfig>> current = flags.current(ref);
        long basedOn = current.map(Versioned::version).orElse(0L);
        FlagConfig before = current.map(Versioned::value).orElse(FlagConfig.notConfigured());
        String id = String.format("%06d", latest.map(r -> Integer.parseInt(r.key().id()) + 1).orElse(1));
        RolloutPlan plan = new RolloutPlan(id, variation, planSteps, guards, bake == null ? null : bake.toString(),
                RolloutPlan.RUNNING, 0, now, null, basedOn, basedOn, before.fallthrough(), caller.principal(), now,
                null, null, null, List.of(), List.of(new ReleaseEvent(now, "created", caller.principal(), comment,
                basedOn)));
        ReleaseRecord record;
        try {
            // claimed by this request while it applies step 1; if it dies, the scheduler takes over at the lease
            record = store.create(new ReleaseRecord(ref.key(RolloutPlan.KIND, id), 1, now, "start-"
                    + UUID.randomUUID(), now.plus(ReleaseScheduler.DEFAULT_LEASE), records.tree(plan)));
        } catch (StoreException.AlreadyExists race) {
            throw AdminException.invalid("", "flag \"" + ref.flag() + "\" already has an active rollout plan"
                    + " (another one was started at the same moment)");
        }
        for (String alarm : guards) {
            store.watch(alarm, record.key(), now.plus(RolloutSteps.WATCH_WHILE_ACTIVE));
        }
        RolloutPlan started = steps.applyNext(ref, plan, caller.principal());
        store.replace(record.next(started.nextStepAt(), records.tree(started)), record.revision());
        return started;
    }

    public RolloutPlan current(Caller caller, FlagRef ref) {
        guard.environment(ref.project(), ref.environment(), caller, Role.VIEWER);
        guard.definition(ref.project(), ref.flag());
        return records.read(requireLatest(ref), RolloutPlan.class);
    }

    public RolloutPlan pause(Caller caller, FlagRef ref) {
        return control(caller, ref, Set.of(RolloutPlan.RUNNING), (record, plan, now) -> {
            Duration remaining = plan.nextStepAt() == null || plan.nextStepAt().isBefore(now) ? Duration.ZERO
                    : Duration.between(now, plan.nextStepAt());
            return plan.with(RolloutPlan.PAUSED, null, remaining.toString(), "paused by " + caller.principal(),
                    new ReleaseEvent(now, "paused", caller.principal(), caller.comment(), null));
        });
    }

    /** Continues from the flag as it is now (a person's edit that paused the plan is kept). */
    public RolloutPlan resume(Caller caller, FlagRef ref) {
        requireDirectWrite(caller, ref); // the plan writes its further steps again
        return control(caller, ref, Set.of(RolloutPlan.PAUSED), (record, plan, now) -> {
            Duration remaining = plan.holdRemaining() == null ? Duration.ZERO : Duration.parse(plan.holdRemaining());
            return plan.rebased(flags.currentVersion(ref)).with(RolloutPlan.RUNNING, now.plus(remaining), null, null,
                    new ReleaseEvent(now, "resumed", caller.principal(), caller.comment(), null));
        });
    }

    /** Applies the next step now; the next hold starts now. */
    public RolloutPlan advance(Caller caller, FlagRef ref) {
        requireDirectWrite(caller, ref);
        return control(caller, ref, Set.of(RolloutPlan.RUNNING, RolloutPlan.PAUSED),
                (record, plan, now) -> steps.applyNext(ref, plan, caller.principal()));
    }

    public RolloutPlan abort(Caller caller, FlagRef ref) {
        requireCommentIfProtected(caller, ref);
        guard.definition(ref.project(), ref.flag());
        ReleaseRecord record = requireLatest(ref);
        RolloutPlan plan = records.read(record, RolloutPlan.class);
        if (!plan.active() && !RolloutPlan.ABORTING.equals(plan.status())) {
            throw AdminException.conflict("rollout plan " + plan.id() + " is " + plan.status()
                    + "; only a running or paused plan can be aborted");
        }
        try {
            return aborter.abort(record, caller.principal(), "rollout-abort", "aborted by " + caller.principal()
                    + (caller.comment() == null ? "" : " (" + caller.comment() + ")"));
        } catch (StoreException.VersionConflict race) {
            throw AdminException.conflict("rollout plan " + plan.id() + " changed while it was being aborted;"
                    + " read it and try again");
        }
    }

    /** Resume and advance lead to further writes: refused in a protected environment, like a plan's start. */
    private void requireDirectWrite(Caller caller, FlagRef ref) {
        ProjectGuard.requireDirectWrite(ref.project(), guard.environment(ref.project(), ref.environment(), caller,
                Role.EDITOR), caller);
    }

    /**
     * Abort writes a flag version, and only ever back to the configuration from before the plan: like the kill
     * switch it is allowed in a protected environment, which wants a comment for it, as for any change.
     */
    private void requireCommentIfProtected(Caller caller, FlagRef ref) {
        ProjectGuard.requireCommentIfProtected(guard.environment(ref.project(), ref.environment(), caller,
                Role.EDITOR), caller);
    }

    @FunctionalInterface
    private interface Control {
        RolloutPlan apply(ReleaseRecord record, RolloutPlan plan, Instant now);
    }

    private RolloutPlan control(Caller caller, FlagRef ref, Set<String> from, Control control) {
        guard.environment(ref.project(), ref.environment(), caller, Role.EDITOR);
        guard.definition(ref.project(), ref.flag());
        ReleaseRecord record = requireLatest(ref);
        RolloutPlan plan = records.read(record, RolloutPlan.class);
        Instant now = clock.instant();
        if (!from.contains(plan.status())) {
            throw AdminException.conflict("rollout plan " + plan.id() + " is " + plan.status() + "; this needs a "
                    + String.join(" or ", from) + " plan");
        }
        if (record.claimedAt(now)) {
            throw AdminException.conflict("rollout plan " + plan.id() + " is applying a step right now; try again");
        }
        RolloutPlan next = control.apply(record, plan, now);
        try {
            store.replace(record.next(RolloutPlan.RUNNING.equals(next.status()) ? next.nextStepAt() : null,
                    records.tree(next)), record.revision());
        } catch (StoreException.VersionConflict race) {
            throw AdminException.conflict("rollout plan " + plan.id() + " changed meanwhile; read it and try again");
        }
        return next;
    }

    private Optional<ReleaseRecord> latest(FlagRef ref) {
        List<ReleaseRecord> plans = store.list(ref.project(), ref.environment(), ref.flag(), RolloutPlan.KIND);
        return plans.isEmpty() ? Optional.empty() : Optional.of(plans.get(plans.size() - 1));
    }

    private ReleaseRecord requireLatest(FlagRef ref) {
        return latest(ref).orElseThrow(() -> AdminException.notFound("flag \"" + ref.flag()
                + "\" has no rollout plan in environment \"" + ref.environment() + "\""));
    }

    private static int variation(JsonNode value, FlagDefinition definition) {
        if (value == null || value.isNull()) {
            throw AdminException.invalid("variation", "is required: the index of the variation to release");
        }
        int count = definition.variations().size();
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0
                || value.intValue() >= count) {
            throw AdminException.invalid("variation", "flag \"" + definition.key() + "\" has variations 0 to "
                    + (count - 1) + ", got " + value);
        }
        return value.intValue();
    }

    private static List<RolloutPlan.Step> steps(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw AdminException.invalid("steps", "expected a non-empty array of {percent, hold}");
        }
        if (value.size() > MAX_STEPS) {
            throw AdminException.invalid("steps", "at most " + MAX_STEPS + " steps");
        }
        List<RolloutPlan.Step> result = new ArrayList<>();
        double previous = -1;
        for (int i = 0; i < value.size(); i++) {
            String path = "steps[" + i + "]";
            JsonNode step = value.get(i);
            if (!step.isObject()) {
                throw AdminException.invalid(path, "expected {percent, hold}");
            }
            for (var names = step.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!STEP_FIELDS.contains(name)) {
                    throw AdminException.invalid(path + "." + name, "unknown member; expected one of " + STEP_FIELDS);
                }
            }
            JsonNode percent = step.get("percent");
            if (percent == null || !percent.isNumber() || percent.doubleValue() < 0 || percent.doubleValue() > 100) {
                throw AdminException.invalid(path + ".percent", "expected a number from 0 to 100, got " + percent);
            }
            if (percent.doubleValue() <= previous) {
                throw AdminException.invalid(path + ".percent", "steps out of order: " + percent.doubleValue()
                        + "% does not rise above the previous step's " + previous + "%");
            }
            previous = percent.doubleValue();
            Duration hold = ReleaseBodies.duration(step.get("hold"), path + ".hold");
            boolean last = i == value.size() - 1;
            if (hold == null && !last) {
                throw AdminException.invalid(path + ".hold", "is required on every step but the last (an ISO-8601"
                        + " duration such as PT1H)");
            }
            result.add(new RolloutPlan.Step(percent.doubleValue(), hold == null ? null : hold.toString()));
        }
        return result;
    }
}
