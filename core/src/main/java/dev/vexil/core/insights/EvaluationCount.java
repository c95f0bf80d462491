package dev.vexil.core.insights;

import dev.vexil.eval.ReasonKind;
import java.util.Objects;

/**
 * A number of evaluations of one flag that served one variation ({@code -1}: none, an error) for one reason kind.
 * The flag is {@link #UNKNOWN_FLAG} for keys the environment does not have.
 */
public record EvaluationCount(String flag, int variation, ReasonKind reason, long count) {
    /**
     * Where counts of flag keys the environment does not have go. The parentheses keep it apart from every real
     * flag key ({@code ^[a-z0-9][a-z0-9._-]{0,63}$}).
     */
    public static final String UNKNOWN_FLAG = "(unknown)";

    public EvaluationCount {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }
}
