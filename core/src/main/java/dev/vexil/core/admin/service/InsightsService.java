package dev.vexil.core.admin.service;

import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.model.FlagConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluation counts for readers (docs/insights.md): one flag's counts per variation and reason over time with a
 * marker at each change from the flag's history, and totals per flag for a dashboard. Viewers may read them.
 */
public final class InsightsService {
    /** Counts per variation and reason in one step. */
    public record Bucket(String start, List<VariationReasonCount> counts) {
    }

    public record VariationReasonCount(int variation, String reason, long count) {
    }

    /** A change from the flag's history, as a marker on the series. */
    public record Change(long version, String at, String principal, String action) {
    }

    public record FlagInsights(String flag, String from, String to, String step, List<Bucket> series,
                               List<Change> changes) {
    }

    public record VariationCount(int variation, long count) {
    }

    /** {@code lastEvaluatedAt} is null (left out) for a flag never evaluated. */
    public record FlagTotal(String flag, long total, List<VariationCount> counts, String lastEvaluatedAt) {
    }

    public record Totals(List<FlagTotal> items) {
    }

    /** The largest history page the store serves (docs/openapi.yaml: limit at most 500). */
    private static final int HISTORY_PAGE = 500;

    private final FlagRepository repository;
    private final InsightsStore store;
    private final ProjectGuard guard;

    /** @param store null where no insights store is deployed: every call then answers 501 */
    public InsightsService(FlagRepository repository, InsightsStore store) {
        this.repository = repository;
        this.store = store;
        this.guard = new ProjectGuard(repository);
    }

    /** One flag: counts per step, variation and reason, and the changes of its configuration in the range. */
    public FlagInsights flag(Caller caller, String project, String environment, String flag, InsightsRange range) {
        guard.environment(project, environment, caller, Role.VIEWER);
        guard.definition(project, flag);
        InsightsStore counts = available();
        Map<Instant, Map<VariationReason, Long>> buckets = new TreeMap<>();
        for (MinuteCount c : counts.counts(project, environment, flag, range.from(), range.to())) {
            long steps = Duration.between(range.from(), c.minute()).dividedBy(range.step());
            Instant start = range.from().plus(range.step().multipliedBy(steps));
            buckets.computeIfAbsent(start, s -> new TreeMap<>(VariationReason.ORDER))
                    .merge(new VariationReason(c.variation(), c.reason().name()), c.count(), Long::sum);
        }
        List<Bucket> series = new ArrayList<>();
        buckets.forEach((start, byKey) -> series.add(new Bucket(start.toString(), byKey.entrySet().stream()
                .map(e -> new VariationReasonCount(e.getKey().variation(), e.getKey().reason(), e.getValue()))
                .toList())));
        List<Change> changes = changesIn(project, environment, flag, range);
        changes.sort(Comparator.comparingLong(Change::version));
        return new FlagInsights(flag, range.from().toString(), range.to().toString(), range.step().toString(),
                series, changes);
    }

    /**
     * The flag's changes inside the range. History comes newest first, so reading stops at the first page that
     * reaches back before {@code from}: the cost follows the changes in the window, not the flag's whole history.
     */
    private List<Change> changesIn(String project, String environment, String flag, InsightsRange range) {
        List<Change> changes = new ArrayList<>();
        String cursor = null;
        boolean reachedFrom = false;
        do {
            Page<HistoryEntry<FlagConfig>> page = repository.flagConfigHistory(project, environment, flag, cursor,
                    HISTORY_PAGE);
            for (HistoryEntry<FlagConfig> entry : page.items()) {
                if (entry.at() == null) {
                    continue;
                }
                if (entry.at().isBefore(range.from())) {
                    reachedFrom = true;
                } else if (entry.at().isBefore(range.to())) {
                    changes.add(new Change(entry.version(), entry.at().toString(), entry.principal(),
                            entry.action()));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && !reachedFrom);
        return changes;
    }

    /** Totals per flag in the range, with each flag's last evaluation (ever); flags with no counts are left out. */
    public Totals totals(Caller caller, String project, String environment, InsightsRange range) {
        guard.environment(project, environment, caller, Role.VIEWER);
        InsightsStore counts = available();
        Map<String, Map<Integer, Long>> byFlag = new TreeMap<>();
        for (MinuteCount c : counts.counts(project, environment, null, range.from(), range.to())) {
            byFlag.computeIfAbsent(c.flag(), f -> new TreeMap<>()).merge(c.variation(), c.count(), Long::sum);
        }
        Map<String, Instant> last = counts.lastEvaluated(project, environment);
        List<FlagTotal> items = new ArrayList<>();
        byFlag.forEach((flag, variations) -> {
            List<VariationCount> perVariation = new ArrayList<>();
            variations.forEach((variation, n) -> perVariation.add(new VariationCount(variation, n)));
            long total = perVariation.stream().mapToLong(VariationCount::count).sum();
            Instant at = last.get(flag);
            items.add(new FlagTotal(flag, total, perVariation, at == null ? null : at.toString()));
        });
        return new Totals(items);
    }

    private record VariationReason(int variation, String reason) {
        static final Comparator<VariationReason> ORDER = Comparator.comparingInt(VariationReason::variation)
                .thenComparing(VariationReason::reason);
    }

    InsightsStore available() {
        if (store == null) {
            throw new AdminException(AdminException.Kind.NOT_IMPLEMENTED, "evaluation insights are not available in"
                    + " this deployment: it has no insights store (docs/insights.md)");
        }
        return store;
    }
}
