package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.access.AwsPrincipals;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.Versioned;
import dev.vexil.snapshot.JsonTypes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Projects: create (the creator becomes admin unless roles are given), read, list, update name and roles. */
public final class ProjectService {
    private static final Set<String> CREATE_FIELDS = Set.of("key", "name", "roles");
    private static final Set<String> UPDATE_FIELDS = Set.of("key", "name", "roles");

    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AccessPolicy policy;

    public ProjectService(FlagRepository repository, ObjectMapper mapper, Clock clock, AccessPolicy policy) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.mapper = mapper;
        this.clock = clock;
        this.policy = policy;
    }

    /** Only principals on the stage's project-creator list (or break-glass operators) may create projects. */
    public Versioned<Project> create(Caller caller, JsonNode body) {
        if (!caller.breakGlass() && !policy.mayCreateProjects(caller.principal())) {
            throw AdminException.forbidden("principal \"" + caller.principal() + "\" may not create projects: it"
                    + " matches no entry of this stage's project-creator list");
        }
        BodyChecks checks = new BodyChecks(body, CREATE_FIELDS);
        String key = checks.requiredKey("key");
        String name = checks.text("name", true, BodyChecks.MAX_NAME);
        Map<String, String> roles = roles(checks);
        checks.throwIfInvalid();
        Project project = new Project(key, name, roles == null ? Map.of(caller.principal(), Role.ADMIN.wireName()) : roles);
        return repository.createProject(project, meta(caller, "create", null, project));
    }

    public Versioned<Project> get(Caller caller, String projectKey) {
        return guard.project(projectKey, caller, Role.VIEWER);
    }

    /**
     * The projects the caller holds a role in (all of them for a break-glass operator). Filtering happens before
     * paging: store pages are read until {@code limit} visible projects are found or the store is exhausted,
     * each asking for no more than are still missing. So a full page ends on a visible project, and the cursor
     * (which encodes the last key read) never names a project the caller cannot see.
     */
    public Page<Versioned<Project>> list(Caller caller, String cursor, int limit) {
        List<Versioned<Project>> visible = new ArrayList<>();
        String next = cursor;
        do {
            Page<Versioned<Project>> page = repository.listProjects(next, limit - visible.size());
            page.items().stream()
                    .filter(p -> caller.breakGlass() || Role.of(p.value(), caller.principal()).isPresent())
                    .forEach(visible::add);
            next = page.nextCursor();
        } while (next != null && visible.size() < limit);
        return new Page<>(visible, next);
    }

    /** Replaces name and roles (admin only; If-Match required). Roles must keep at least one admin. */
    public Versioned<Project> update(Caller caller, String projectKey, JsonNode body, WritePrecondition precondition) {
        Versioned<Project> current = guard.project(projectKey, caller, Role.ADMIN);
        BodyChecks checks = new BodyChecks(body, UPDATE_FIELDS);
        String key = checks.text("key", false, 64);
        if (key != null && !key.equals(projectKey)) {
            checks.add("key", "\"" + key + "\" does not match \"" + projectKey + "\" in the URL; omit it or make them equal");
        }
        String name = checks.text("name", true, BodyChecks.MAX_NAME);
        Map<String, String> roles = roles(checks);
        checks.throwIfInvalid();
        long expected = precondition.expectedVersionOfExisting(current, "project \"" + projectKey + "\"");
        Project updated = new Project(projectKey, name, roles == null ? current.value().roles() : roles);
        return repository.updateProject(updated, expected, meta(caller, "update", current.value(), updated));
    }

    /**
     * The {@code roles} member: principal → viewer|editor|admin, with at least one admin; null when absent.
     * Role ARNs are stored without their path ({@link AwsPrincipals#grantKey}); STS session ARNs are refused.
     */
    private static Map<String, String> roles(BodyChecks checks) {
        JsonNode node = checks.get("roles");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            checks.add("roles", "expected an object mapping principals to viewer, editor or admin, got "
                    + JsonTypes.kind(node));
            return null;
        }
        Map<String, String> roles = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "roles." + entry.getKey();
            if (entry.getKey().isBlank()) {
                checks.add("roles", "a principal must not be blank");
                bad.add(entry.getKey());
            } else if (AwsPrincipals.grantProblem(entry.getKey()).isPresent()) {
                checks.add(path, AwsPrincipals.grantProblem(entry.getKey()).get());
                bad.add(entry.getKey());
            } else if (!entry.getValue().isTextual() || Role.fromWire(entry.getValue().textValue()).isEmpty()) {
                checks.add(path, "expected \"viewer\", \"editor\" or \"admin\", got " + entry.getValue());
                bad.add(entry.getKey());
            } else {
                roles.merge(AwsPrincipals.grantKey(entry.getKey()), entry.getValue().textValue(),
                        (a, b) -> Role.fromWire(a).get().includes(Role.fromWire(b).get()) ? a : b);
            }
        }
        if (bad.isEmpty() && !roles.containsValue(Role.ADMIN.wireName())) {
            checks.add("roles", "at least one principal must be admin, or nobody could manage the project");
        }
        return roles;
    }

    private ChangeMeta meta(Caller caller, String action, Project before, Project after) {
        ObjectNode from = before == null ? null : mapper.valueToTree(before);
        return caller.changeMeta(action, JsonDiff.between(from, mapper.valueToTree(after)), clock.instant());
    }
}
