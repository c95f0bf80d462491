package dev.vexil.core.insights;

import dev.vexil.wire.EnvironmentId;
import java.util.Set;

/** The flag keys an environment has now: counts of any other key go under {@link EvaluationCount#UNKNOWN_FLAG}. */
@FunctionalInterface
public interface KnownFlags {
    Set<String> of(EnvironmentId environment);
}
