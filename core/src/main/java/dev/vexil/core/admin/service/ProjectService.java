package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public ProjectService(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.mapper = mapper;
        this.clock = clock;
    }

    public Versioned<Project> create(Caller caller, JsonNode body) {
        BodyChecks checks = new BodyChecks(body, CREATE_FIELDS);
        String key = checks.requiredKey("key");
        String name = checks.text("name", true, BodyChecks.MAX_NAME);
        Map<String, String> roles = roles(checks);
        checks.throwIfInvalid();
        Project project = new Project(key, name, roles == null ? Map.of(caller.principal(), Role.ADMIN.wireName()) : roles);
        return repository.createProject(project, meta(caller, "create", null, project));
    }

    public Versioned<Project> get(Caller caller, String projectKey) {
        return guard.project(projectKey, caller.principal(), Role.VIEWER);
    }

    /** The projects the caller holds a role in; a page may come back shorter than {@code limit}. */
    public Page<Versioned<Project>> list(Caller caller, String cursor, int limit) {
        Page<Versioned<Project>> page = repository.listProjects(cursor, limit);
        List<Versioned<Project>> visible = page.items().stream()
                .filter(p -> Role.of(p.value(), caller.principal()).isPresent())
                .toList();
        return new Page<>(visible, page.nextCursor());
    }

    /** Replaces name and roles (admin only; If-Match required). Roles must keep at least one admin. */
    public Versioned<Project> update(Caller caller, String projectKey, JsonNode body, WritePrecondition precondition) {
        Versioned<Project> current = guard.project(projectKey, caller.principal(), Role.ADMIN);
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

    /** The {@code roles} member: principal → viewer|editor|admin, with at least one admin; null when absent. */
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
            } else if (!entry.getValue().isTextual() || Role.fromWire(entry.getValue().textValue()).isEmpty()) {
                checks.add(path, "expected \"viewer\", \"editor\" or \"admin\", got " + entry.getValue());
                bad.add(entry.getKey());
            } else {
                roles.put(entry.getKey(), entry.getValue().textValue());
            }
        }
        if (bad.isEmpty() && !roles.containsValue(Role.ADMIN.wireName())) {
            checks.add("roles", "at least one principal must be admin, or nobody could manage the project");
        }
        return roles;
    }

    private ChangeMeta meta(Caller caller, String action, Project before, Project after) {
        ObjectNode from = before == null ? null : mapper.valueToTree(before);
        return new ChangeMeta(caller.principal(), action, caller.comment(),
                JsonDiff.between(from, mapper.valueToTree(after)), clock.instant());
    }
}
