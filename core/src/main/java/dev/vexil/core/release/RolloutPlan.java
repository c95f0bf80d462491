package dev.vexil.core.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vexil.model.Serve;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A progressive rollout of one variation through the fallthrough of one flag, as stored and as the API shows it.
 * {@code step} counts the steps applied (1 = the first); {@code basedOn} is the flag version before the plan (what
 * abort restores) and {@code baseFallthrough} its fallthrough (what each step ramps from); {@code lastVersion} is
 * the flag version the plan wrote last, so a step that finds another version knows a person edited the flag.
 * {@code status}: running, paused, completed, aborting (the restore is under way), aborted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutPlan(String id, int variation, List<Step> steps, List<String> guards, String bakeTime,
                          String status, int step, Instant nextStepAt, String holdRemaining, long basedOn,
                          long lastVersion, Serve baseFallthrough, String createdBy, Instant createdAt,
                          Instant bakeUntil, Long restoredVersion, String detail, List<AppliedStep> applied,
                          List<ReleaseEvent> events) {
    public static final String KIND = "rollout";
    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String COMPLETED = "completed";
    public static final String ABORTING = "aborting";
    public static final String ABORTED = "aborted";

    /** One step: the percentage of the fallthrough that gets the variation, and how long to hold it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(double percent, String hold) {
    }

    /** A step as applied: which, the flag version it wrote, when and by whom. */
    public record AppliedStep(int step, double percent, long version, Instant at, String principal) {
    }

    public RolloutPlan {
        steps = List.copyOf(steps);
        guards = guards == null ? List.of() : List.copyOf(guards);
        applied = applied == null ? List.of() : List.copyOf(applied);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Running or paused: the flag has at most one such plan. */
    public boolean active() {
        return RUNNING.equals(status) || PAUSED.equals(status);
    }

    /** The marker a flag write of step {@code number} carries in its comment. */
    public String marker(int number) {
        return "[rollout " + id + " step " + number + "]";
    }

    public String abortMarker() {
        return "[rollout " + id + " abort]";
    }

    /** The plan in a new status, with an event; the rest is carried over. */
    RolloutPlan with(String newStatus, Instant newNextStepAt, String newHoldRemaining, String newDetail,
                     ReleaseEvent event) {
        return new RolloutPlan(id, variation, steps, guards, bakeTime, newStatus, step, newNextStepAt,
                newHoldRemaining, basedOn, lastVersion, baseFallthrough, createdBy, createdAt, bakeUntil,
                restoredVersion, newDetail, applied, append(events, event));
    }

    /** After step {@code number} wrote flag {@code version}. */
    RolloutPlan stepped(int number, long version, Instant at, String principal, String newStatus,
                        Instant newNextStepAt, Instant newBakeUntil) {
        List<AppliedStep> all = new ArrayList<>(applied);
        all.add(new AppliedStep(number, steps.get(number - 1).percent(), version, at, principal));
        return new RolloutPlan(id, variation, steps, guards, bakeTime, newStatus, number, newNextStepAt, null,
                basedOn, version, baseFallthrough, createdBy, createdAt, newBakeUntil, restoredVersion, null, all,
                append(events, new ReleaseEvent(at, "step", principal, "step " + number + ": "
                        + steps.get(number - 1).percent() + "%", version)));
    }

    RolloutPlan rebased(long version) {
        return new RolloutPlan(id, variation, steps, guards, bakeTime, status, step, nextStepAt, holdRemaining,
                basedOn, version, baseFallthrough, createdBy, createdAt, bakeUntil, restoredVersion, detail, applied,
                events);
    }

    RolloutPlan restored(long version, Instant at, String principal, String why) {
        return new RolloutPlan(id, variation, steps, guards, bakeTime, ABORTED, step, null, null, basedOn,
                lastVersion, baseFallthrough, createdBy, createdAt, bakeUntil, version, why, applied,
                append(events, new ReleaseEvent(at, "aborted", principal, why, version)));
    }

    private static List<ReleaseEvent> append(List<ReleaseEvent> events, ReleaseEvent event) {
        List<ReleaseEvent> all = new ArrayList<>(events);
        all.add(event);
        return all;
    }
}
