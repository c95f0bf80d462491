package dev.vexil.core.insights;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link InsightsStore} in memory, for the core's own tests (the admin API's insights routes); it passes the same
 * {@link InsightsStoreContract} as the real adapters.
 */
public final class InMemoryInsightsStore implements InsightsStore {
    private record Key(String project, String environment, Instant minute, String flag, int variation,
                       dev.vexil.eval.ReasonKind reason) {
    }

    private final Map<Key, Long> counts = new HashMap<>();

    @Override
    public synchronized void add(String project, String environment, Instant minute,
                                 Collection<EvaluationCount> rows) {
        InsightsStore.requireMinute(minute);
        for (EvaluationCount c : rows) {
            if (c.count() > 0) {
                counts.merge(new Key(project, environment, minute, c.flag(), c.variation(), c.reason()), c.count(),
                        Long::sum);
            }
        }
    }

    @Override
    public synchronized List<MinuteCount> counts(String project, String environment, String flag, Instant from,
                                                 Instant to) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().project().equals(project) && e.getKey().environment().equals(environment)
                        && (flag == null || e.getKey().flag().equals(flag))
                        && !e.getKey().minute().isBefore(from) && e.getKey().minute().isBefore(to))
                .map(e -> new MinuteCount(e.getKey().minute(), e.getKey().flag(), e.getKey().variation(),
                        e.getKey().reason(), e.getValue()))
                .sorted(Comparator.comparing(MinuteCount::minute).thenComparing(MinuteCount::flag)
                        .thenComparingInt(MinuteCount::variation).thenComparing(c -> c.reason().name()))
                .toList();
    }

    @Override
    public synchronized Map<String, Instant> lastEvaluated(String project, String environment) {
        Map<String, Instant> last = new TreeMap<>();
        counts.keySet().stream()
                .filter(k -> k.project().equals(project) && k.environment().equals(environment))
                .forEach(k -> last.merge(k.flag(), k.minute(), (a, b) -> a.isAfter(b) ? a : b));
        return last;
    }
}
