package dev.vexil.core.admin.service;

import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Rule;
import dev.vexil.model.Serve;
import dev.vexil.model.WeightedVariation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flags of one environment that look finished (docs/insights.md, "Stale flags"), by three rules over the last N
 * days (default 14), judged at the service's clock:
 * <ul>
 *   <li>{@code single-variation}: a temporary flag that served one variation to every evaluation in the last N
 *       days, with its configuration unchanged for N days;</li>
 *   <li>{@code no-evaluations}: no evaluations in the last N days, for a flag configured (or, never configured
 *       here, defined) more than N days ago;</li>
 *   <li>{@code partial-rollout}: on, with a percentage rollout serving more than one variation, and a
 *       configuration unchanged for N days.</li>
 * </ul>
 * Each entry says which rules matched and gives the flag's last evaluation.
 */
public final class StaleFlagService {
    public static final int DEFAULT_DAYS = 14;
    static final int MAX_DAYS = 365;

    public record Reason(String rule, String message) {
    }

    /** {@code lastEvaluatedAt} is null (left out) for a flag never evaluated. */
    public record StaleFlag(String flag, List<Reason> reasons, String lastEvaluatedAt) {
    }

    public record StaleFlags(int days, String asOf, List<StaleFlag> items) {
    }

    /** What the counts of the last N days say about one flag. */
    private static final class Served {
        long total;
        final Set<Integer> variations = new TreeSet<>();
    }

    private final FlagRepository repository;
    private final InsightsService insights;
    private final Clock clock;
    private final ProjectGuard guard;

    public StaleFlagService(FlagRepository repository, InsightsService insights, Clock clock) {
        this.repository = repository;
        this.insights = insights;
        this.clock = clock;
        this.guard = new ProjectGuard(repository);
    }

    public StaleFlags list(Caller caller, String project, String environment, int days) {
        guard.environment(project, environment, caller, Role.VIEWER);
        InsightsStore store = insights.available();
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(days));
        Map<String, Served> served = new HashMap<>();
        for (MinuteCount c : store.counts(project, environment, null, since.truncatedTo(ChronoUnit.MINUTES), now)) {
            Served s = served.computeIfAbsent(c.flag(), f -> new Served());
            s.total += c.count();
            s.variations.add(c.variation());
        }
        Map<String, Instant> last = store.lastEvaluated(project, environment);
        List<StaleFlag> items = new ArrayList<>();
        for (Versioned<FlagDefinition> definition : definitions(project)) {
            String flag = definition.value().key();
            List<Reason> reasons = reasons(project, environment, definition, served.get(flag), since, days);
            if (!reasons.isEmpty()) {
                Instant at = last.get(flag);
                items.add(new StaleFlag(flag, reasons, at == null ? null : at.toString()));
            }
        }
        return new StaleFlags(days, now.toString(), items);
    }

    private List<Reason> reasons(String project, String environment, Versioned<FlagDefinition> definition,
                                 Served served, Instant since, int days) {
        String flag = definition.value().key();
        Versioned<FlagConfig> config = repository.getFlagConfig(project, environment, flag).orElse(null);
        boolean unchanged = config == null || config.updatedAt() == null || !config.updatedAt().isAfter(since);
        List<Reason> reasons = new ArrayList<>();
        if (Boolean.TRUE.equals(definition.value().temporary()) && served != null && served.total > 0
                && served.variations.size() == 1 && served.variations.iterator().next() >= 0 && unchanged) {
            reasons.add(new Reason("single-variation", "temporary flag served variation "
                    + served.variations.iterator().next() + " to all " + served.total + " evaluations in the last "
                    + days + " days"));
        }
        if ((served == null || served.total == 0) && !firstConfigured(project, environment, definition)
                .isAfter(since)) {
            reasons.add(new Reason("no-evaluations", "no evaluations in the last " + days + " days"));
        }
        if (config != null && unchanged && config.value().on() && partlyRolledOut(config.value())) {
            reasons.add(new Reason("partial-rollout", "partly rolled out, configuration unchanged since "
                    + config.updatedAt()));
        }
        return reasons;
    }

    /**
     * When the flag got its first configuration here (version 1: configurations are never deleted, so it is the
     * oldest history entry, read directly rather than by walking the history); for a flag never configured here,
     * its definition's time.
     */
    private Instant firstConfigured(String project, String environment, Versioned<FlagDefinition> definition) {
        Instant first = repository.getFlagConfigVersion(project, environment, definition.value().key(), 1)
                .map(HistoryEntry::at).orElse(null);
        return first != null ? first : definition.updatedAt() != null ? definition.updatedAt() : Instant.MIN;
    }

    /** A rollout (fallthrough or rule) that gives weight to more than one variation. */
    static boolean partlyRolledOut(FlagConfig config) {
        if (splits(config.fallthrough())) {
            return true;
        }
        for (Rule rule : config.rules()) {
            if (splits(rule.serve())) {
                return true;
            }
        }
        return false;
    }

    private static boolean splits(Serve serve) {
        if (serve == null || serve.rollout() == null || serve.rollout().variations() == null) {
            return false;
        }
        int weighted = 0;
        for (WeightedVariation v : serve.rollout().variations()) {
            weighted += v.weight() > 0 ? 1 : 0;
        }
        return weighted > 1;
    }

    private List<Versioned<FlagDefinition>> definitions(String project) {
        List<Versioned<FlagDefinition>> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Versioned<FlagDefinition>> page = repository.listFlagDefinitions(project, null, cursor, 200);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** The {@code days} query parameter: default 14, from 1 to 365. */
    public static int days(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AdminException.invalid("days", "expected an integer from 1 to " + MAX_DAYS + ", got \"" + raw + "\"");
    }
}
