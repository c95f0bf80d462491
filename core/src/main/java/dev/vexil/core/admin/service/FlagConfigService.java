package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One environment's configuration of a flag: read, create or update (PUT), kill, history and rollback.
 * Every write is validated against the flag's definition and the environment (segments, other flags), records
 * a structured diff, and is one conditional write in the repository.
 */
public final class FlagConfigService {
    /** Kill and rollback without If-Match retry a lost race this often before reporting 412. */
    private static final int ACTION_ATTEMPTS = 3;

    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SnapshotSizeGuard sizes;

    public FlagConfigService(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.mapper = mapper;
        this.clock = clock;
        this.sizes = new SnapshotSizeGuard(repository, clock);
    }

    public Versioned<FlagConfig> get(Caller caller, String projectKey, String envKey, String flagKey) {
        guard.environment(projectKey, envKey, caller, Role.VIEWER);
        guard.definition(projectKey, flagKey);
        return repository.getFlagConfig(projectKey, envKey, flagKey)
                .orElseThrow(() -> AdminException.notFound("flag \"" + flagKey + "\" has no configuration in"
                        + " environment \"" + envKey + "\" yet (it is served off); PUT one to create it"));
    }

    public Versioned<FlagConfig> put(Caller caller, String projectKey, String envKey, String flagKey, JsonNode body,
                                     WritePrecondition precondition) {
        Environment environment = guard.environment(projectKey, envKey, caller, Role.EDITOR);
        guard.definition(projectKey, flagKey);
        ProjectGuard.requireDirectWrite(projectKey, environment, caller);
        FlagConfig config = validated(projectKey, envKey, flagKey, body);
        Optional<Versioned<FlagConfig>> current = repository.getFlagConfig(projectKey, envKey, flagKey);
        long expected = precondition.expectedVersion(current, "configuration of flag \"" + flagKey + "\" in \""
                + envKey + "\"");
        String action = current.isPresent() ? "update" : "create";
        return repository.putFlagConfig(projectKey, envKey, flagKey, config, expected,
                meta(caller, action, current.map(Versioned::value).orElse(null), config));
    }

    /**
     * The configuration {@code body} describes, validated as a PUT would validate it (definition, environment,
     * snapshot size), without writing it: what change requests and promotion propose.
     */
    public FlagConfig validated(String projectKey, String envKey, String flagKey, JsonNode body) {
        FlagDefinition definition = guard.definition(projectKey, flagKey).value();
        JsonNode tree = ModelBodies.withoutReadOnly(body);
        EnvironmentState state = repository.loadEnvironmentState(projectKey, envKey, List.of());
        List<Problem> problems = Validator.validateFlagConfig(tree, definition, state.validationScope());
        if (!problems.isEmpty()) {
            throw AdminException.invalid(problems);
        }
        FlagConfig config = ModelBodies.bind(mapper, tree, FlagConfig.class);
        sizes.checkFlag(state, Flag.of(definition, config, null));
        return config;
    }

    /**
     * The content of {@code version}, if it is still valid under today's definition and environment (409
     * otherwise): what a rollback to it would write.
     */
    public FlagConfig restorable(String projectKey, String envKey, String flagKey, long version) {
        FlagDefinition definition = guard.definition(projectKey, flagKey).value();
        FlagConfig restored = repository.getFlagConfigVersion(projectKey, envKey, flagKey, version)
                .map(HistoryEntry::content)
                .orElseThrow(() -> AdminException.notFound("flag \"" + flagKey + "\" has no version " + version
                        + " in environment \"" + envKey + "\""));
        EnvironmentState state = repository.loadEnvironmentState(projectKey, envKey, List.of());
        List<Problem> problems = Validator.validateFlagConfig(mapper.valueToTree(restored), definition,
                state.validationScope());
        if (!problems.isEmpty()) {
            throw new AdminException(AdminException.Kind.CONFLICT, "version " + version + " of flag \"" + flagKey
                    + "\" is not valid in today's environment (definition or segments changed since)", problems);
        }
        sizes.checkFlag(state, Flag.of(definition, restored, null));
        return restored;
    }

    /** Turns the flag off as a new version (action {@code kill}); If-Match optional. */
    public Versioned<FlagConfig> kill(Caller caller, String projectKey, String envKey, String flagKey,
                                      WritePrecondition precondition) {
        Environment environment = guard.environment(projectKey, envKey, caller, Role.EDITOR);
        guard.definition(projectKey, flagKey);
        ProjectGuard.requireCommentIfProtected(environment, caller);
        return retryingRaces(precondition, () -> {
            Optional<Versioned<FlagConfig>> current = repository.getFlagConfig(projectKey, envKey, flagKey);
            FlagConfig before = current.map(Versioned::value).orElse(null);
            long expected = precondition.expectedVersionIfGiven(current.map(Versioned::version).orElse(0L),
                    "configuration of flag \"" + flagKey + "\"");
            FlagConfig killed = (before == null ? FlagConfig.notConfigured() : before).turnedOff();
            return repository.putFlagConfig(projectKey, envKey, flagKey, killed, expected,
                    meta(caller, "kill", before, killed));
        });
    }

    /** One page of changes, newest first; empty for a flag never configured here. */
    public Page<HistoryEntry<FlagConfig>> history(Caller caller, String projectKey, String envKey, String flagKey,
                                                  String cursor, int limit) {
        guard.environment(projectKey, envKey, caller, Role.VIEWER);
        guard.definition(projectKey, flagKey);
        return repository.flagConfigHistory(projectKey, envKey, flagKey, cursor, limit);
    }

    /**
     * Restores the content of {@code version} as a new version (action {@code rollback}); history is kept.
     * The restored content must still be valid under today's definition and environment.
     */
    public Versioned<FlagConfig> rollback(Caller caller, String projectKey, String envKey, String flagKey,
                                          long version, WritePrecondition precondition) {
        Environment environment = guard.environment(projectKey, envKey, caller, Role.EDITOR);
        guard.definition(projectKey, flagKey);
        ProjectGuard.requireDirectWrite(projectKey, environment, caller);
        FlagConfig restored = restorable(projectKey, envKey, flagKey, version);
        return retryingRaces(precondition, () -> {
            Versioned<FlagConfig> current = repository.getFlagConfig(projectKey, envKey, flagKey)
                    .orElseThrow(() -> AdminException.notFound("flag \"" + flagKey + "\" has no configuration"));
            long expected = precondition.expectedVersionIfGiven(current.version(),
                    "configuration of flag \"" + flagKey + "\"");
            return repository.putFlagConfig(projectKey, envKey, flagKey, restored, expected,
                    meta(caller, "rollback", current.value(), restored));
        });
    }

    private ChangeMeta meta(Caller caller, String action, FlagConfig before, FlagConfig after) {
        return caller.changeMeta(action, JsonDiff.between(before == null ? null : mapper.valueToTree(before),
                mapper.valueToTree(after)), clock.instant());
    }

    /**
     * Kill and rollback state an intent ("off now", "back to version k") rather than an edit of what the caller
     * saw; without If-Match, losing a race to another writer just means re-reading and writing again.
     */
    private Versioned<FlagConfig> retryingRaces(WritePrecondition precondition,
                                                java.util.function.Supplier<Versioned<FlagConfig>> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (StoreException.VersionConflict | StoreException.AlreadyExists race) {
                if (precondition.hasIfMatch() || attempt >= ACTION_ATTEMPTS) {
                    throw race;
                }
            }
        }
    }
}
