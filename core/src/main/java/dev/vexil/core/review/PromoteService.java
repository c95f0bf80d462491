package dev.vexil.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.BodyChecks;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.FlagConfigService;
import dev.vexil.core.admin.service.JsonDiff;
import dev.vexil.core.admin.service.ProjectGuard;
import dev.vexil.core.admin.service.Role;
import dev.vexil.core.admin.service.WritePrecondition;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import dev.vexil.eval.clause.Operator;
import dev.vexil.model.Clause;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies a flag's targeting from one environment to another ({@code POST /v1/projects/{p}/flags/{f}/promote}):
 * the parts named in {@code include}, over the target's current configuration. Segments the copied rules use must
 * exist in the target (else 409 naming them, nothing written). Into a protected environment the result is a change
 * request; elsewhere a direct write. Either way the response shows the diff.
 */
public final class PromoteService {
    /** The parts of a configuration that can be promoted, in the order they are applied. */
    public static final List<String> PARTS = List.of("targets", "rules", "fallthrough", "offVariation", "on");
    private static final Set<String> FIELDS = Set.of("from", "to", "include");

    /** What a promotion did: a direct write ({@code configuration}) or a change request ({@code request}). */
    public record Result(String to, ArrayNode diff, Versioned<FlagConfig> configuration,
                         ChangeRequestService.Created request) {
    }

    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final FlagConfigService configs;
    private final ChangeRequestService requests;
    private final ObjectMapper mapper;

    public PromoteService(FlagRepository repository, FlagConfigService configs, ChangeRequestService requests,
                          ObjectMapper mapper) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.configs = configs;
        this.requests = requests;
        this.mapper = mapper;
    }

    public Result promote(Caller caller, String project, String flag, JsonNode body) {
        guard.project(project, caller, Role.EDITOR);
        BodyChecks checks = new BodyChecks(body, FIELDS);
        String from = checks.requiredKey("from");
        String to = checks.requiredKey("to");
        List<String> include = include(checks);
        if (from != null && from.equals(to)) {
            checks.add("to", "is the same environment as from (\"" + from + "\"); promote into another one");
        }
        checks.throwIfInvalid();
        guard.environment(project, from, caller, Role.EDITOR);
        Environment target = guard.environment(project, to, caller, Role.EDITOR);
        guard.definition(project, flag);
        FlagConfig source = repository.getFlagConfig(project, from, flag).map(Versioned::value)
                .orElseThrow(() -> AdminException.notFound("flag \"" + flag + "\" has no configuration in environment"
                        + " \"" + from + "\" to promote"));
        Optional<Versioned<FlagConfig>> current = repository.getFlagConfig(project, to, flag);
        FlagConfig before = current.map(Versioned::value).orElse(FlagConfig.notConfigured());
        FlagConfig promoted = copy(source, before, include);
        requireSegments(project, to, promoted);
        JsonNode after = mapper.valueToTree(promoted);
        ArrayNode diff = JsonDiff.between(current.map(v -> (JsonNode) mapper.valueToTree(v.value())).orElse(null),
                after);
        String why = "promote flag \"" + flag + "\" from " + from + " to " + to + " (" + String.join(", ", include)
                + ")";
        if (target.protectedEnv()) {
            return new Result(to, diff, null, requests.propose(caller, project, to, why, flag, after));
        }
        WritePrecondition expected = current.map(v -> new WritePrecondition(Set.of(v.version()), false, false))
                .orElse(WritePrecondition.NONE);
        Caller promoter = caller.comment() == null ? caller.withComment(why) : caller;
        return new Result(to, diff, configs.put(promoter, project, to, flag, after, expected), null);
    }

    private static List<String> include(BodyChecks checks) {
        JsonNode node = checks.get("include");
        if (node == null || node.isNull()) {
            return PARTS;
        }
        if (!node.isArray() || node.isEmpty()) {
            checks.add("include", "expected a non-empty array of " + PARTS);
            return PARTS;
        }
        Set<String> named = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            if (!part.isTextual() || !PARTS.contains(part.textValue())) {
                checks.add("include[" + i + "]", "unknown part " + part + "; expected one of " + PARTS);
            } else {
                named.add(part.textValue());
            }
        }
        return PARTS.stream().filter(named::contains).toList();
    }

    /** {@code into} with the included parts taken from {@code from}; everything else (salt, prerequisites) kept. */
    private static FlagConfig copy(FlagConfig from, FlagConfig into, List<String> include) {
        return new FlagConfig(
                include.contains("on") ? from.on() : into.on(),
                include.contains("offVariation") ? from.offVariation() : into.offVariation(),
                into.salt(),
                include.contains("targets") ? from.targets() : into.targets(),
                into.prerequisites(),
                include.contains("rules") ? from.rules() : into.rules(),
                include.contains("fallthrough") ? from.fallthrough() : into.fallthrough(),
                into.staleness());
    }

    private void requireSegments(String project, String env, FlagConfig config) {
        Set<String> missing = new TreeSet<>();
        for (Rule rule : config.rules()) {
            for (Clause clause : rule.clauses()) {
                if (Operator.SEGMENT_MATCH.wireName().equals(clause.operator())) {
                    clause.values().forEach(value -> {
                        if (value.isTextual() && repository.getSegment(project, env, value.textValue()).isEmpty()) {
                            missing.add(value.textValue());
                        }
                    });
                }
            }
        }
        if (!missing.isEmpty()) {
            List<String> names = new ArrayList<>(missing);
            throw new AdminException(AdminException.Kind.CONFLICT, "the promoted rules use segment(s) " + names
                    + " that do not exist in environment \"" + env + "\"; create them there first (nothing was"
                    + " written)", List.of(), Map.of("missingSegments", names));
        }
    }
}
