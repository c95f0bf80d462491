package dev.vexil.functions.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.functions.store.ChangeMeta;
import dev.vexil.functions.store.FlagRepository;
import dev.vexil.functions.store.Page;
import dev.vexil.functions.store.Versioned;
import dev.vexil.model.FlagDefinition;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Flag definitions (project level): create or update with PUT, read, list by tag. */
public final class FlagDefinitionService {
    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final DefinitionCompatibility compatibility;
    private final ObjectMapper mapper;
    private final Clock clock;

    public FlagDefinitionService(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.compatibility = new DefinitionCompatibility(repository, mapper);
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Creates the definition if absent (no If-Match needed), else updates it (If-Match required). */
    public Versioned<FlagDefinition> put(Caller caller, String projectKey, String flagKey, JsonNode body,
                                         WritePrecondition precondition) {
        guard.project(projectKey, caller.principal(), Role.EDITOR);
        JsonNode tree = withKey(ModelBodies.withoutReadOnly(body), flagKey);
        List<Problem> problems = new ArrayList<>(Validator.validateFlagDefinition(tree));
        if (!problems.isEmpty()) {
            throw AdminException.invalid(problems);
        }
        FlagDefinition definition = ModelBodies.bind(mapper, tree, FlagDefinition.class);
        Optional<Versioned<FlagDefinition>> current = repository.getFlagDefinition(projectKey, flagKey);
        long expected = precondition.expectedVersion(current, "flag \"" + flagKey + "\"");
        if (current.isPresent()) {
            compatibility.check(projectKey, current.get().value(), definition);
        }
        ChangeMeta meta = new ChangeMeta(caller.principal(), current.isPresent() ? "update" : "create",
                caller.comment(), JsonDiff.between(current.map(v -> (JsonNode) mapper.valueToTree(v.value())).orElse(null),
                mapper.valueToTree(definition)), clock.instant());
        return repository.putFlagDefinition(projectKey, definition, expected, meta);
    }

    public Versioned<FlagDefinition> get(Caller caller, String projectKey, String flagKey) {
        guard.project(projectKey, caller.principal(), Role.VIEWER);
        return guard.definition(projectKey, flagKey);
    }

    public Page<Versioned<FlagDefinition>> list(Caller caller, String projectKey, String tag, String cursor, int limit) {
        guard.project(projectKey, caller.principal(), Role.VIEWER);
        return repository.listFlagDefinitions(projectKey, tag, cursor, limit);
    }

    /**
     * The body with the key from the URL: added when absent; a different key is left for the check below it to
     * report. Non-objects pass through for the validator to refuse.
     */
    private static JsonNode withKey(JsonNode body, String keyFromUrl) {
        if (body == null || !body.isObject()) {
            return body;
        }
        ObjectNode object = (ObjectNode) body;
        JsonNode key = object.get("key");
        if (key == null || key.isNull()) {
            object.put("key", keyFromUrl);
        } else if (key.isTextual() && !key.textValue().equals(keyFromUrl)) {
            throw AdminException.invalid("key", "flag key \"" + key.textValue() + "\" does not match \""
                    + keyFromUrl + "\" in the URL; omit it or make them equal");
        }
        return object;
    }
}
