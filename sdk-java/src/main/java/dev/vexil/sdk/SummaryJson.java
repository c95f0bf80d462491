package dev.vexil.sdk;

import dev.vexil.wire.EvaluationSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link PendingSummary} into the body of {@code POST /sdk/v1/events}, in the shared format
 * {@link EvaluationSummary} (docs/insights.md): the window, the SDK's name and version, the snapshot version, the
 * counts and the dropped count. Nothing else: no context key, no attribute.
 */
final class SummaryJson {
    static final String SDK_NAME = "vexil-java";
    static final String SDK_VERSION = EdgeClient.USER_AGENT.substring(EdgeClient.USER_AGENT.indexOf('/') + 1);

    private SummaryJson() {
    }

    static byte[] write(PendingSummary summary, Instant windowEnd) {
        List<EvaluationSummary.Count> counts = new ArrayList<>(summary.counts().size());
        for (Map.Entry<PendingSummary.Entry, Long> e : summary.counts().entrySet()) {
            counts.add(new EvaluationSummary.Count(e.getKey().flag(), e.getKey().variation(), e.getKey().reason(),
                    e.getValue()));
        }
        return new EvaluationSummary(SDK_NAME, SDK_VERSION, summary.snapshotVersion(), summary.windowStart(),
                windowEnd, counts, summary.dropped()).toJson();
    }
}
