package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagDefinition;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Flag definitions (project level): create or update with PUT, read, list by tag. */
public final class FlagDefinitionService {
    /**
     * Flag keys that new flags may not take because a route uses them as a path segment where a flag key also fits:
     * {@code GET …/environments/{e}/flags/insights} is the insights totals, so a flag keyed {@code insights} could
     * never have its configuration read there. A flag created with it before the reservation keeps working.
     */
    public static final String RESERVED_INSIGHTS_KEY = "insights";

    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final DefinitionCompatibility compatibility;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final QuotaGuard quotas;
    private final SnapshotSizeGuard sizes;

    public FlagDefinitionService(FlagRepository repository, ObjectMapper mapper, Clock clock, QuotaGuard quotas) {
        this.quotas = quotas;
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.compatibility = new DefinitionCompatibility(repository, mapper);
        this.mapper = mapper;
        this.clock = clock;
        this.sizes = new SnapshotSizeGuard(repository, clock);
    }

    /** Creates the definition if absent (no If-Match needed), else updates it (If-Match required). */
    public Versioned<FlagDefinition> put(Caller caller, String projectKey, String flagKey, JsonNode body,
                                         WritePrecondition precondition) {
        guard.project(projectKey, caller, Role.EDITOR);
        JsonNode tree = ModelBodies.withoutReadOnly(body);
        List<Problem> problems = Validator.validateFlagDefinition(tree, flagKey);
        if (!problems.isEmpty()) {
            throw AdminException.invalid(problems);
        }
        FlagDefinition definition = ModelBodies.bind(mapper, ModelBodies.withKey(tree, flagKey), FlagDefinition.class);
        Optional<Versioned<FlagDefinition>> current = repository.getFlagDefinition(projectKey, flagKey);
        long expected = precondition.expectedVersion(current, "flag \"" + flagKey + "\"");
        if (current.isPresent()) {
            compatibility.check(projectKey, current.get().value(), definition);
        } else {
            refuseReservedKey(flagKey);
            quotas.flags(projectKey);
        }
        sizes.checkDefinition(projectKey, definition);
        ChangeMeta meta = caller.changeMeta(current.isPresent() ? "update" : "create",
                JsonDiff.between(current.map(v -> (JsonNode) mapper.valueToTree(v.value())).orElse(null),
                        mapper.valueToTree(definition)), clock.instant());
        return repository.putFlagDefinition(projectKey, definition, expected, meta);
    }

    private static void refuseReservedKey(String flagKey) {
        if (RESERVED_INSIGHTS_KEY.equals(flagKey)) {
            throw AdminException.invalid("key", "\"" + flagKey + "\" is reserved: GET …/environments/{env}/flags/"
                    + flagKey + " lists the evaluation totals of every flag (docs/insights.md); choose another key");
        }
    }

    public Versioned<FlagDefinition> get(Caller caller, String projectKey, String flagKey) {
        guard.project(projectKey, caller, Role.VIEWER);
        return guard.definition(projectKey, flagKey);
    }

    public Page<Versioned<FlagDefinition>> list(Caller caller, String projectKey, String tag, String cursor, int limit) {
        guard.project(projectKey, caller, Role.VIEWER);
        return repository.listFlagDefinitions(projectKey, tag, cursor, limit);
    }
}
