package dev.vexil.core.admin.service;

import dev.vexil.core.compiler.SnapshotAssembler;
import dev.vexil.core.compiler.SnapshotLimits;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Segment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses, at write time, a change that would take an environment's snapshot beyond {@link SnapshotLimits}: the
 * compiler would refuse to publish it, and every later change to the environment, kills included, would be stuck
 * behind it. The environment is assembled as the compiler (and the dry-run) would, with the change applied, and
 * measured; a write beyond a limit gets 413 problem+json naming the limit and the size it would reach. Writes that
 * only shrink or keep the size (kill, delete) are not checked.
 */
final class SnapshotSizeGuard {
    private final FlagRepository repository;
    private final Clock clock;

    SnapshotSizeGuard(FlagRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The environment with {@code flag} in place of the flag of the same key. */
    void checkFlag(EnvironmentState state, Flag flag) {
        List<Flag> flags = new ArrayList<>(state.flags());
        flags.removeIf(f -> f.key().equals(flag.key()));
        flags.add(flag);
        check(new EnvironmentState(state.project(), state.environment(), state.changeCounter() + 1, flags,
                state.segments()));
    }

    /** The environment with {@code segment} added or in place of the segment of the same key. */
    void checkSegment(EnvironmentState state, Segment segment) {
        List<Segment> segments = new ArrayList<>(state.segments());
        segments.removeIf(s -> s.key().equals(segment.key()));
        segments.add(segment);
        check(new EnvironmentState(state.project(), state.environment(), state.changeCounter() + 1, state.flags(),
                segments));
    }

    /** Every environment of the project with the flag's definition replaced (its variations grow every one). */
    void checkDefinition(String projectKey, FlagDefinition definition) {
        for (Versioned<Environment> environment : repository.listEnvironments(projectKey)) {
            EnvironmentState state = repository.loadEnvironmentState(projectKey, environment.value().key(), List.of());
            Flag current = state.flags().stream().filter(f -> f.key().equals(definition.key())).findFirst()
                    .orElse(null);
            Flag redefined = current == null ? Flag.of(definition, FlagConfig.notConfigured(), null)
                    : new Flag(definition.key(), definition.type(), definition.variations(), current.version(),
                    current.on(), current.offVariation(), current.salt(), current.targets(), current.prerequisites(),
                    current.rules(), current.fallthrough(), current.staleness());
            checkFlag(state, redefined);
        }
    }

    private void check(EnvironmentState after) {
        SnapshotLimits.size(SnapshotAssembler.assemble(after, clock.instant())).excess().ifPresent(excess -> {
            String detail = excess.describe() + " in environment \"" + after.environment() + "\"; make the change"
                    + " smaller, or remove flags, targets or segment keys the environment no longer needs";
            throw new AdminException(AdminException.Kind.SNAPSHOT_TOO_LARGE, detail, List.of(),
                    Map.of("limit", excess.limit(), "limitBytes", excess.limitBytes(), "sizeBytes", excess.sizeBytes(),
                            "environment", after.environment()));
        });
    }
}
