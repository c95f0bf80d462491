package dev.vexil.functions.compiler;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Project;
import dev.vexil.model.Clause;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import dev.vexil.model.Serve;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes small, realistic environments through the repository port (as the admin API would). */
final class Environments {
    static final String FLAG = "checkout";

    private final FlagRepository repository;

    Environments(FlagRepository repository) {
        this.repository = repository;
    }

    static ChangeMeta meta() {
        return new ChangeMeta("arn:aws:iam::123456789012:user/alice", "update", null, null,
                Instant.parse("2026-12-01T19:00:00Z"));
    }

    /** A project with the given environments, the boolean flag {@link #FLAG} and segment "beta" in each. */
    void project(String project, String... environments) {
        repository.createProject(new Project(project, "Project " + project, Map.of("alice", "admin")), meta());
        repository.putFlagDefinition(project, new FlagDefinition(FLAG, "Checkout", null, FlagType.BOOLEAN,
                List.of(new Variation(BooleanNode.TRUE, "on"), new Variation(BooleanNode.FALSE, "off")),
                List.of("web"), false, "team-a"), 0, meta());
        for (String environment : environments) {
            repository.createEnvironment(project, new Environment(environment, environment, false), meta());
            repository.putSegment(project, environment,
                    new Segment("beta", "Beta", null, List.of("carol"), List.of(), List.of(), null, null), 0, meta());
            repository.putFlagConfig(project, environment, FLAG, config(true, "beta"), 0, meta());
        }
    }

    /** A valid targeting change of {@link #FLAG}; returns the new configuration version. */
    long toggle(String project, String environment, boolean on) {
        long current = repository.getFlagConfig(project, environment, FLAG).orElseThrow().version();
        return repository.putFlagConfig(project, environment, FLAG, config(on, "beta"), current, meta()).version();
    }

    /** A new version of the flag's definition (a project-level change); returns its version. */
    long redefine(String project, String name) {
        var current = repository.getFlagDefinition(project, FLAG).orElseThrow();
        var d = current.value();
        return repository.putFlagDefinition(project, new FlagDefinition(d.key(), name, d.description(), d.type(),
                d.variations(), d.tags(), d.temporary(), d.maintainer()), current.version(), meta()).version();
    }

    /**
     * A change the admin API would refuse (it validates first) but the repository stores as given: a rule
     * matching a segment that does not exist.
     */
    long breakTargeting(String project, String environment) {
        long current = repository.getFlagConfig(project, environment, FLAG).orElseThrow().version();
        return repository.putFlagConfig(project, environment, FLAG, config(true, "no-such-segment"), current, meta())
                .version();
    }

    /**
     * A change the admin API would refuse and no race between valid writes can produce, which the compiler therefore
     * does not contain: segment "beta" with a rule that uses {@code segmentMatch} (segment rules may not).
     */
    void breakSegment(String project, String environment) {
        long current = repository.getSegment(project, environment, "beta").orElseThrow().version();
        SegmentRule nested = new SegmentRule("nested", List.of(new Clause("segment", "segmentMatch",
                List.of(TextNode.valueOf("beta")), false)));
        repository.putSegment(project, environment, new Segment("beta", "Beta", null, List.of("carol"), List.of(),
                List.of(nested), null, null), current, meta());
    }

    static FlagConfig config(boolean on, String segment) {
        Rule beta = new Rule("beta", List.of(new Clause("segment", "segmentMatch", List.of(TextNode.valueOf(segment)),
                false)), Serve.variation(0));
        return new FlagConfig(on, 1, null, List.of(new Target(0, List.of("alice"))), List.of(), List.of(beta),
                Serve.variation(1), null);
    }
}
