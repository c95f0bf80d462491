package dev.vexil.core.insights;

import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.EvaluationSummary;
import dev.vexil.wire.EvaluationSummaryException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes one SDK summary ({@code POST /sdk/v1/events}, the SDK key already checked by the edge) into the
 * {@link InsightsStore}: validates it with the shared reader ({@link EvaluationSummary#parse}: size, schema,
 * bounds), files counts of keys the environment does not have under {@link EvaluationCount#UNKNOWN_FLAG}, and adds
 * everything to the aggregate of the minute the summary arrived. The arrival minute, not the SDK's window: SDK
 * clocks are not trusted, and a window merged after failed sends would otherwise land in the past. Invalid input
 * stores nothing.
 */
public final class InsightsIngest {
    /** What became of one summary. */
    public sealed interface Outcome {
        /** Stored: {@code counts} entries, of which {@code unknown} were of flags the environment does not have. */
        record Accepted(int counts, int unknown) implements Outcome {
        }

        /** Refused as bad input; nothing stored. {@code path} names the member ("" for the whole body). */
        record Invalid(String path, String message) implements Outcome {
        }
    }

    private final InsightsStore store;
    private final KnownFlags knownFlags;
    private final Clock clock;

    public InsightsIngest(InsightsStore store, KnownFlags knownFlags, Clock clock) {
        this.store = store;
        this.knownFlags = knownFlags;
        this.clock = clock;
    }

    public Outcome ingest(EnvironmentId environment, byte[] body) {
        EvaluationSummary summary;
        try {
            summary = EvaluationSummary.parse(body);
        } catch (EvaluationSummaryException e) {
            return new Outcome.Invalid(e.path(), e.getMessage());
        }
        Set<String> known = knownFlags.of(environment);
        Map<Key, Long> merged = new LinkedHashMap<>(); // unknown keys collapse into one entry per variation × reason
        int unknown = 0;
        for (EvaluationSummary.Count c : summary.counts()) {
            boolean isKnown = known.contains(c.flag());
            unknown += isKnown ? 0 : 1;
            merged.merge(new Key(isKnown ? c.flag() : EvaluationCount.UNKNOWN_FLAG, c.variation(), c.reason()),
                    c.count(), Long::sum);
        }
        List<EvaluationCount> counts = merged.entrySet().stream()
                .map(e -> new EvaluationCount(e.getKey().flag(), e.getKey().variation(), e.getKey().reason(),
                        e.getValue()))
                .toList();
        if (!counts.isEmpty()) {
            Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            store.add(environment.project(), environment.environment(), minute, counts);
        }
        return new Outcome.Accepted(summary.counts().size(), unknown);
    }

    private record Key(String flag, int variation, dev.vexil.eval.ReasonKind reason) {
    }
}
