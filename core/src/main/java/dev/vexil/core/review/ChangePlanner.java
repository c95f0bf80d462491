package dev.vexil.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.FlagConfigService;
import dev.vexil.core.admin.service.SegmentService;
import dev.vexil.core.review.ApplyIntent.PlannedWrite;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns proposed changes into the writes they make: for each, the content before and after, validated exactly as
 * the direct write would be (the configuration and segment services' own checks). Used when a request is written
 * (to refuse what could never apply) and again when it is applied (the environment may have changed since).
 */
final class ChangePlanner {
    private final FlagRepository repository;
    private final FlagConfigService configs;
    private final SegmentService segments;
    private final ObjectMapper mapper;

    ChangePlanner(FlagRepository repository, FlagConfigService configs, SegmentService segments,
                  ObjectMapper mapper) {
        this.repository = repository;
        this.configs = configs;
        this.segments = segments;
        this.mapper = mapper;
    }

    /** Each change with {@code basedOn} filled in where it was left out: the target's current version. */
    List<ProposedChange> withBasedOn(String project, String env, List<ProposedChange> changes) {
        return changes.stream().map(c -> c.basedOn() == ChangeRequestBodies.CURRENT
                ? c.basedOn(currentVersion(project, env, c)) : c).toList();
    }

    /** The changes whose target is no longer at the version they were based on, as their labels. */
    List<String> staleTargets(String project, String env, List<ProposedChange> changes) {
        return changes.stream().filter(c -> currentVersion(project, env, c) != c.basedOn())
                .map(c -> c.label() + " (based on version " + c.basedOn() + ", now "
                        + currentVersion(project, env, c) + ")")
                .toList();
    }

    /** The writes of every change, validated against the environment as it is now; problems under changes[i]. */
    List<PlannedWrite> plan(String project, String env, List<ProposedChange> changes) {
        List<PlannedWrite> writes = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            try {
                writes.add(plan(project, env, changes.get(i)));
            } catch (AdminException failure) {
                throw ChangeRequestBodies.underChange(i, failure);
            }
        }
        return writes;
    }

    private PlannedWrite plan(String project, String env, ProposedChange change) {
        if (change.flagChange()) {
            if (repository.getFlagDefinition(project, change.flag()).isEmpty()) {
                throw AdminException.invalid("flag", "unknown change target: flag \"" + change.flag()
                        + "\" is not defined in project \"" + project + "\"");
            }
            Optional<Versioned<FlagConfig>> current = repository.getFlagConfig(project, env, change.flag());
            FlagConfig after = flagAfter(project, env, change, current.map(Versioned::value).orElse(null));
            return new PlannedWrite(change.flag(), null, change.basedOn(),
                    current.map(v -> tree(v.value())).orElse(null), tree(after));
        }
        Optional<Versioned<Segment>> current = repository.getSegment(project, env, change.segment());
        JsonNode before = current.map(v -> tree(v.value())).orElse(null);
        if (Boolean.TRUE.equals(change.delete())) {
            if (current.isEmpty()) {
                throw AdminException.invalid("segment", "unknown change target: segment \"" + change.segment()
                        + "\" does not exist in environment \"" + env + "\"");
            }
            segments.requireUnused(project, env, change.segment());
            return new PlannedWrite(null, change.segment(), change.basedOn(), before, null);
        }
        Segment after = prefixed("definition", () -> segments.validated(project, env, change.segment(),
                change.definition()));
        return new PlannedWrite(null, change.segment(), change.basedOn(), before, tree(after));
    }

    private FlagConfig flagAfter(String project, String env, ProposedChange change, FlagConfig current) {
        if (change.configuration() != null) {
            return prefixed("configuration", () -> configs.validated(project, env, change.flag(),
                    change.configuration()));
        }
        if (change.on() != null) {
            FlagConfig base = current == null ? FlagConfig.notConfigured() : current;
            FlagConfig switched = new FlagConfig(change.on(), base.offVariation(), base.salt(), base.targets(),
                    base.prerequisites(), base.rules(), base.fallthrough(), base.staleness());
            return prefixed("on", () -> configs.validated(project, env, change.flag(), tree(switched)));
        }
        try {
            return configs.restorable(project, env, change.flag(), change.rollbackTo());
        } catch (AdminException failure) {
            if (failure.kind() == AdminException.Kind.NOT_FOUND) {
                throw AdminException.invalid("rollbackTo", failure.getMessage());
            }
            throw failure;
        }
    }

    /** The target's live version, 0 if it does not exist (a segment deleted counts as absent). */
    long currentVersion(String project, String env, ProposedChange change) {
        return change.flagChange()
                ? repository.getFlagConfig(project, env, change.flag()).map(Versioned::version).orElse(0L)
                : repository.getSegment(project, env, change.segment()).map(Versioned::version).orElse(0L);
    }

    /** Whether the target holds exactly {@code content} now (null: a segment that is absent). */
    boolean holds(String project, String env, PlannedWrite write, JsonNode content) {
        Optional<JsonNode> now = write.flagChange()
                ? repository.getFlagConfig(project, env, write.flag()).map(v -> tree(v.value()))
                : repository.getSegment(project, env, write.segment()).map(v -> tree(v.value()));
        return content == null ? now.isEmpty() : now.map(c -> c.equals(content)).orElse(false);
    }

    /** The JSON of a stored model, without the version a segment read back carries (the head holds it). */
    JsonNode tree(Object model) {
        JsonNode tree = mapper.valueToTree(model);
        if (tree instanceof ObjectNode object) {
            object.remove("version");
        }
        return tree;
    }

    private static <T> T prefixed(String member, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (AdminException failure) {
            List<dev.vexil.validate.Problem> errors = failure.errors().stream()
                    .map(p -> new dev.vexil.validate.Problem(p.path() == null || p.path().isEmpty() ? member
                            : member + "." + p.path(), p.message())).toList();
            throw new AdminException(failure.kind(), failure.getMessage(), errors, failure.extensions());
        }
    }
}
