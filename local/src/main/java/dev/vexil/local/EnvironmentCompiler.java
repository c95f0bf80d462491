package dev.vexil.local;

import dev.vexil.core.store.ChangeRef;
import java.util.Collection;

/**
 * Rebuilds and publishes one environment's snapshot so that it includes at least {@code mustInclude}; throws when
 * the attempt failed and must be retried. Locally this is the {@code SnapshotCompiler}; the seam keeps the queue
 * testable on its own.
 */
@FunctionalInterface
public interface EnvironmentCompiler {
    void compile(String project, String environment, Collection<ChangeRef> mustInclude);
}
