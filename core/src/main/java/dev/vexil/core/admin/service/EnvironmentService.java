package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.ReviewSettings;
import dev.vexil.core.store.Versioned;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Environments of a project: created by admins, read by anyone with a role. */
public final class EnvironmentService {
    private static final Set<String> CREATE_FIELDS = Set.of("key", "name", "protected");
    private static final Set<String> UPDATE_FIELDS = Set.of("key", "name", "protected", "review");

    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final Clock clock;
    private final QuotaGuard quotas;

    public EnvironmentService(FlagRepository repository, Clock clock, QuotaGuard quotas) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.clock = clock;
        this.quotas = quotas;
    }

    public Versioned<Environment> create(Caller caller, String projectKey, JsonNode body) {
        guard.project(projectKey, caller, Role.ADMIN);
        BodyChecks checks = new BodyChecks(body, CREATE_FIELDS);
        String key = checks.requiredKey("key");
        String name = checks.text("name", true, BodyChecks.MAX_NAME);
        Boolean isProtected = checks.bool("protected");
        checks.throwIfInvalid();
        if (repository.getEnvironment(projectKey, key).isEmpty()) { // a duplicate stays a plain 409 conflict
            quotas.environments(projectKey);
        }
        Environment environment = new Environment(key, name, Boolean.TRUE.equals(isProtected));
        ChangeMeta meta = caller.changeMeta("create", JsonDiff.between(null, toJson(environment)), clock.instant());
        return repository.createEnvironment(projectKey, environment, meta);
    }

    /**
     * Replaces name, protection and review settings (admins only, If-Match required). A body without
     * {@code protected} or {@code review} sets them to unprotected and the default review.
     */
    public Versioned<Environment> update(Caller caller, String projectKey, String environmentKey, JsonNode body,
                                         WritePrecondition precondition) {
        guard.project(projectKey, caller, Role.ADMIN);
        Versioned<Environment> current = get(caller, projectKey, environmentKey);
        BodyChecks checks = new BodyChecks(body, UPDATE_FIELDS);
        JsonNode key = checks.get("key");
        if (key != null && !key.isNull() && !environmentKey.equals(key.asText())) {
            checks.add("key", "cannot change the key (\"" + environmentKey + "\"); create another environment");
        }
        String name = checks.text("name", true, BodyChecks.MAX_NAME);
        Boolean isProtected = checks.bool("protected");
        ReviewSettings review = ReviewBodies.settings(checks);
        checks.throwIfInvalid();
        Environment updated = new Environment(environmentKey, name, Boolean.TRUE.equals(isProtected), review);
        long expected = precondition.expectedVersionOfExisting(current, "environment \"" + environmentKey + "\"");
        ChangeMeta meta = caller.changeMeta("update", JsonDiff.between(toJson(current.value()), toJson(updated)),
                clock.instant());
        return repository.updateEnvironment(projectKey, updated, expected, meta);
    }

    public List<Versioned<Environment>> list(Caller caller, String projectKey) {
        guard.project(projectKey, caller, Role.VIEWER);
        return repository.listEnvironments(projectKey);
    }

    public Versioned<Environment> get(Caller caller, String projectKey, String environmentKey) {
        guard.project(projectKey, caller, Role.VIEWER);
        return repository.getEnvironment(projectKey, environmentKey)
                .orElseThrow(() -> AdminException.notFound("environment \"" + environmentKey
                        + "\" does not exist in project \"" + projectKey + "\""));
    }

    /** The wire form: {@code protected} rather than the record's {@code protectedEnv}. */
    public static ObjectNode toJson(Environment environment) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", environment.key());
        node.put("name", environment.name());
        node.put("protected", environment.protectedEnv());
        ReviewSettings review = environment.reviewSettings();
        ObjectNode reviewNode = node.putObject("review");
        reviewNode.put("requiredApprovals", review.requiredApprovals());
        reviewNode.put("authorMayApply", review.authorMayApply());
        review.approverRoles().forEach(reviewNode.putArray("approverRoles")::add);
        return node;
    }
}
