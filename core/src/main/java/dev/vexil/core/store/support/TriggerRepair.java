package dev.vexil.core.store.support;

import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.ResourceType;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Which resources a compile must repair before it reads: the ones whose changes triggered it. A change whose
 * writer died after moving the head still reaches the compiler (the head's stream record, or the local change
 * feed), and its history entry is written then, so nothing is lost even if nobody writes the resource again.
 */
public final class TriggerRepair {
    /** Names a chain in an environment: (project, environment, key). */
    @FunctionalInterface
    public interface InEnvironment<C> {
        C chain(String project, String environment, String key);
    }

    /** How an adapter names the chains a snapshot depends on (its key layout's factory methods). */
    public record Chains<C>(BiFunction<String, String, C> environment, BiFunction<String, String, C> definition,
                            InEnvironment<C> config, InEnvironment<C> segment) {
    }

    private static final System.Logger LOG = System.getLogger(TriggerRepair.class.getName());

    private TriggerRepair() {
    }

    /**
     * Repairs the history entries of the triggering changes of this environment, if any is missing. A repair that
     * fails (on AWS the compiler's role may not write) is logged and skipped: the compile still publishes the
     * change, which its head holds, and the next write or history read of the resource writes the entry.
     */
    public static <C extends ResourceChain> void repair(String project, String environment,
                                                        Collection<ChangeRef> mustInclude, Chains<C> chains,
                                                        HeadCommits<C> commits) {
        for (C chain : chainsOf(project, environment, mustInclude, chains)) {
            try {
                if (commits.repairIfMissing(chain)) {
                    LOG.log(System.Logger.Level.WARNING, "wrote the missing history entry of " + chain.label());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not write the missing history entry of " + chain.label()
                        + " (" + e.getClass().getSimpleName() + "); the next write or history read will");
            }
        }
    }

    /** The chains of the triggering changes that belong to this environment's snapshot. */
    public static <C> List<C> chainsOf(String project, String environment, Collection<ChangeRef> mustInclude,
                                       Chains<C> chains) {
        if (mustInclude == null) {
            return List.of();
        }
        return mustInclude.stream()
                .filter(ref -> project.equals(ref.project()))
                .filter(ref -> ref.environment() == null || ref.environment().equals(environment))
                .map(ref -> chainOf(chains, project, environment, ref.type(), ref.key()))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    private static <C> C chainOf(Chains<C> chains, String project, String environment, ResourceType type,
                                 String key) {
        return switch (type) {
            case ENVIRONMENT -> chains.environment().apply(project, key);
            case FLAG_DEFINITION -> chains.definition().apply(project, key);
            case FLAG_CONFIG -> chains.config().chain(project, environment, key);
            case SEGMENT -> chains.segment().chain(project, environment, key);
            case PROJECT, SDK_KEY, CHANGE_REQUEST, SCHEDULE -> null; // no part of a snapshot
        };
    }
}
