package dev.vexil.core.admin.service;

import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every project-scoped operation starts with. A caller with no role in the project gets the same 404
 * as for a project that does not exist, so that no route tells a stranger which projects exist. A caller with a
 * role too weak for the operation gets 403. Then the named environment or flag must exist (404).
 *
 * <p>A break-glass operator ({@link Caller#breakGlass()}) passes as admin in every project; each pass is logged.
 */
public final class ProjectGuard {
    private final FlagRepository repository;

    public ProjectGuard(FlagRepository repository) {
        this.repository = repository;
    }

    public Versioned<Project> project(String projectKey, Caller caller, Role needed) {
        Optional<Versioned<Project>> project = repository.getProject(projectKey);
        Optional<Role> role = project.flatMap(p -> Role.of(p.value(), caller.principal()));
        if (project.isEmpty() || role.isEmpty() && !caller.breakGlass()) {
            throw AdminException.notFound("project \"" + projectKey + "\" does not exist, or principal \""
                    + caller.principal() + "\" holds no role in it");
        }
        if (caller.breakGlass()) {
            JsonLog.warn("break-glass access by \"" + caller.principal() + "\" (session "
                    + caller.sessionName() + ") to project \"" + projectKey + "\" as " + needed.wireName(), null);
            return project.get();
        }
        if (!role.get().includes(needed)) {
            throw AdminException.forbidden("principal \"" + caller.principal() + "\" is " + role.get().wireName()
                    + " in project \"" + projectKey + "\"; this needs " + needed.wireName());
        }
        return project.get();
    }

    public Environment environment(String projectKey, String environmentKey, Caller caller, Role needed) {
        project(projectKey, caller, needed);
        return repository.getEnvironment(projectKey, environmentKey)
                .orElseThrow(() -> AdminException.notFound("environment \"" + environmentKey
                        + "\" does not exist in project \"" + projectKey + "\""))
                .value();
    }

    public Versioned<FlagDefinition> definition(String projectKey, String flagKey) {
        return repository.getFlagDefinition(projectKey, flagKey)
                .orElseThrow(() -> AdminException.notFound("flag \"" + flagKey + "\" does not exist in project \""
                        + projectKey + "\""));
    }

    /**
     * The one check of direct writes (configuration PUT, segment PUT and DELETE, rollbacks, creating a schedule,
     * starting, resuming or advancing a rollout plan): a protected environment takes changes only through change
     * requests (403, pointing to them), unless Vexil itself makes the change ({@link Caller#system()}: an applied
     * request, a guard rollback). The kill switch, pausing or aborting a plan and cancelling a schedule only make a
     * flag safer and do not call this. Then, as for every change there, a comment is required.
     */
    public static void requireDirectWrite(String projectKey, Environment environment, Caller caller) {
        if (environment.protectedEnv() && !caller.system()) {
            String changeRequests = "/v1/projects/" + projectKey + "/environments/" + environment.key()
                    + "/change-requests";
            throw new AdminException(AdminException.Kind.FORBIDDEN, "environment \"" + environment.key()
                    + "\" is protected: changes go through a change request (POST " + changeRequests
                    + ", with applyAt to apply it at a time); only the kill switch writes directly", List.of(),
                    Map.of("changeRequests", changeRequests));
        }
        requireCommentIfProtected(environment, caller);
    }

    /** A protected environment refuses changes that carry no comment. */
    public static void requireCommentIfProtected(Environment environment, Caller caller) {
        if (environment.protectedEnv() && caller.comment() == null) {
            throw AdminException.invalid("X-Vexil-Comment", "environment \"" + environment.key()
                    + "\" is protected: every change needs a comment (X-Vexil-Comment header"
                    + " or a comment member in kill and rollback bodies)");
        }
    }
}
