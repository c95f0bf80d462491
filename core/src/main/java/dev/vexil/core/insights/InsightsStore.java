package dev.vexil.core.insights;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The port of the evaluation-count store (docs/insights.md): per-minute aggregates of SDK evaluation counts, per
 * environment × flag × variation × reason kind. Written by the ingest ({@link InsightsIngest}), read by the admin
 * API's insights and stale-flag routes. Adapters: SQLite locally ({@code SqliteInsightsStore}); every adapter's tests
 * extend {@code InsightsStoreContract} from core's test-jar.
 *
 * <p>Minutes are instants on a whole minute (UTC); adapters refuse any other instant.
 */
public interface InsightsStore {
    /** Adds each count to its aggregate in {@code minute}; all of them or, on failure, none. */
    void add(String project, String environment, Instant minute, Collection<EvaluationCount> counts);

    /**
     * The aggregates of minutes in {@code [from, to)}, of one flag ({@code flag} non-null) or of all, ordered by
     * minute, flag, variation, reason name.
     */
    List<MinuteCount> counts(String project, String environment, String flag, Instant from, Instant to);

    /** For every flag with any count, the start of the latest minute in which it was evaluated. */
    Map<String, Instant> lastEvaluated(String project, String environment);

    /** Checks that an instant is a whole minute, as every adapter must. */
    static Instant requireMinute(Instant minute) {
        if (minute.getEpochSecond() % 60 != 0 || minute.getNano() != 0) {
            throw new IllegalArgumentException("not a whole minute: " + minute);
        }
        return minute;
    }
}
