package dev.vexil.core.insights;

import java.util.Collection;
import java.util.List;

/**
 * Thrown by an {@link InsightsStore} that cannot add a batch atomically (DynamoDB has no multi-item {@code ADD}
 * outside transactions) when a write failed part-way: {@link #notAdded()} are the counts that were not written, so
 * that a caller retrying ({@link BufferedInsightsStore}) does not add the others twice.
 */
public final class PartiallyAddedException extends RuntimeException {
    private final List<EvaluationCount> notAdded;

    public PartiallyAddedException(Collection<EvaluationCount> notAdded, Throwable cause) {
        super(notAdded.size() + " evaluation counts were not added: " + cause.getMessage(), cause);
        this.notAdded = List.copyOf(notAdded);
    }

    public List<EvaluationCount> notAdded() {
        return notAdded;
    }
}
