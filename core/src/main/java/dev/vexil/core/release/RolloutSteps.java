package dev.vexil.core.release;

import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.Serve;
import dev.vexil.validate.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies the next step of a plan to the flag: one conditional write expecting the version the plan wrote last,
 * which replaces only the fallthrough (targets and rules stay as they are). A flag at another version means a
 * person edited it: the plan pauses and says why, and nothing is overwritten. A run after a crash first looks for
 * the step's marker in the history, so a step is written at most once.
 */
final class RolloutSteps {
    /** Long enough to outlive any plan: the watch is narrowed to the bake time when the plan completes. */
    static final Duration WATCH_WHILE_ACTIVE = Duration.ofDays(400);

    private final FlagChanges flags;
    private final ReleaseStore store;
    private final Clock clock;

    RolloutSteps(FlagChanges flags, ReleaseStore store, Clock clock) {
        this.flags = flags;
        this.store = store;
        this.clock = clock;
    }

    /** The plan after its next step (or paused); the caller stores it. */
    RolloutPlan applyNext(FlagRef ref, RolloutPlan plan, String principal) {
        int number = plan.step() + 1;
        if (number > plan.steps().size()) {
            return plan;
        }
        Instant now = clock.instant();
        Optional<HistoryEntry<FlagConfig>> done = flags.writtenWith(ref, plan.marker(number), plan.lastVersion());
        if (done.isPresent()) {
            return stepped(ref, plan, number, done.get().version(), now, done.get().principal());
        }
        if (flags.inProtectedEnvironment(ref)) {
            return paused(plan, "step " + number + " not applied: environment \"" + ref.environment() + "\" became"
                    + " protected after the plan started, and its steps were never reviewed; abort it, or propose"
                    + " the change as a change request", now);
        }
        Optional<Versioned<FlagConfig>> current = flags.current(ref);
        long currentVersion = current.map(Versioned::version).orElse(0L);
        if (currentVersion != plan.lastVersion()) {
            return paused(plan, "step " + number + " not applied: the flag was edited since the plan's last write"
                    + " (version " + plan.lastVersion() + "), it is at " + flags.describeVersion(ref, currentVersion)
                    + "; the plan does not overwrite it. Resume to continue from the flag as it is now", now);
        }
        FlagConfig before = current.map(Versioned::value).orElse(FlagConfig.notConfigured());
        FlagConfig after = withFallthrough(before, FallthroughRamp.at(plan.baseFallthrough(), plan.variation(),
                plan.steps().get(number - 1).percent()));
        List<Problem> problems = flags.problems(ref, after);
        if (!problems.isEmpty()) {
            return paused(plan, "step " + number + " is not valid: " + problems.get(0), now);
        }
        try {
            Versioned<FlagConfig> written = flags.write(ref, current.map(Versioned::value).orElse(null), after,
                    currentVersion, principal, "rollout-step", "rollout by " + plan.createdBy() + " "
                            + plan.marker(number) + ": " + plan.steps().get(number - 1).percent() + "% of the"
                            + " fallthrough to variation " + plan.variation(), now);
            return stepped(ref, plan, number, written.version(), now, principal);
        } catch (StoreException.VersionConflict | StoreException.AlreadyExists race) {
            Optional<HistoryEntry<FlagConfig>> theirs = flags.writtenWith(ref, plan.marker(number),
                    plan.lastVersion());
            if (theirs.isPresent()) {
                return stepped(ref, plan, number, theirs.get().version(), now, theirs.get().principal());
            }
            return paused(plan, "step " + number + " not applied: the flag was edited at the same moment ("
                    + flags.describeVersion(ref, flags.currentVersion(ref)) + "); the plan does not overwrite it",
                    now);
        }
    }

    private RolloutPlan stepped(FlagRef ref, RolloutPlan plan, int number, long version, Instant now,
                                String principal) {
        boolean last = number == plan.steps().size();
        String status = last ? RolloutPlan.COMPLETED : plan.status();
        Instant next = last || !RolloutPlan.RUNNING.equals(plan.status()) ? null
                : now.plus(hold(plan.steps().get(number - 1)));
        Instant bakeUntil = last ? now.plus(bake(plan)) : null;
        if (last) {
            for (String alarm : plan.guards()) {
                store.watch(alarm, ref.key(RolloutPlan.KIND, plan.id()), bakeUntil);
            }
        }
        return plan.stepped(number, version, now, principal, status, next, bakeUntil);
    }

    private static RolloutPlan paused(RolloutPlan plan, String why, Instant now) {
        return plan.with(RolloutPlan.PAUSED, null, Duration.ZERO.toString(), why,
                new ReleaseEvent(now, "paused", ReleasePrincipals.SCHEDULER, why, null));
    }

    static Duration hold(RolloutPlan.Step step) {
        return step.hold() == null ? Duration.ZERO : Duration.parse(step.hold());
    }

    static Duration bake(RolloutPlan plan) {
        return plan.bakeTime() == null ? Duration.ZERO : Duration.parse(plan.bakeTime());
    }

    static FlagConfig withFallthrough(FlagConfig config, Serve fallthrough) {
        return new FlagConfig(config.on(), config.offVariation(), config.salt(), config.targets(),
                config.prerequisites(), config.rules(), fallthrough, config.staleness());
    }
}
