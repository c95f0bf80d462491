package dev.vexil.sdk;

import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.model.Flag;
import dev.vexil.model.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one evaluation needs, immutable, published through a single volatile field: the compiled environment
 * and its version always belong together, so a reader can never see the value of one snapshot with the version or
 * reason of another.
 */
final class EnvironmentHolder {
    final CompiledEnvironment environment;
    final long version;
    final Snapshot snapshot;
    final DataSource source;
    final Set<String> killed;
    final Set<String> stale;
    /** For the detail path (variation names) and change detection; never used by the plain variations. */
    final Map<String, Flag> flags;
    /** This snapshot's evaluation counts ({@link EvaluationCounters#DISABLED} without metrics). */
    final EvaluationCounters counters;

    EnvironmentHolder(CompiledEnvironment environment, Snapshot snapshot, DataSource source, Set<String> killed,
                      Set<String> stale, EvaluationCounters counters) {
        this.environment = environment;
        this.counters = counters;
        this.version = snapshot.version();
        this.snapshot = snapshot;
        this.source = source;
        this.killed = Set.copyOf(killed);
        this.stale = Set.copyOf(stale);
        Map<String, Flag> byKey = new HashMap<>();
        for (Flag f : snapshot.flags()) {
            byKey.put(f.key(), f);
        }
        this.flags = Map.copyOf(byKey);
    }

    boolean forcedOff(String flagKey) {
        return killed.contains(flagKey) || stale.contains(flagKey);
    }

    /** The name of a variation, or null if the flag or the name is absent. */
    String variationName(String flagKey, int index) {
        Flag f = flags.get(flagKey);
        if (f == null || index < 0) {
            return null;
        }
        List<dev.vexil.model.Variation> variations = f.variations();
        return index < variations.size() ? variations.get(index).name() : null;
    }
}
