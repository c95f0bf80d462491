package dev.vexil.core.insights;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** An {@link InsightsStore} that forwards everything to another; tests override what should fail or be recorded. */
public class ForwardingInsightsStore implements InsightsStore {
    private final InsightsStore target;

    public ForwardingInsightsStore(InsightsStore target) {
        this.target = target;
    }

    @Override
    public void add(String project, String environment, Instant minute, Collection<EvaluationCount> counts) {
        target.add(project, environment, minute, counts);
    }

    @Override
    public List<MinuteCount> counts(String project, String environment, String flag, Instant from, Instant to) {
        return target.counts(project, environment, flag, from, to);
    }

    @Override
    public Map<String, Instant> lastEvaluated(String project, String environment) {
        return target.lastEvaluated(project, environment);
    }
}
