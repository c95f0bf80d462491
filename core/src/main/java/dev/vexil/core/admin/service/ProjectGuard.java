package dev.vexil.core.admin.service;

import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagDefinition;

/**
 * The checks every project-scoped operation starts with: the project exists (404), the principal holds at
 * least the needed role in it (403), and the named environment or flag exists (404). A missing project is
 * reported before a missing role, so that a typo is not mistaken for a permission problem.
 */
public final class ProjectGuard {
    private final FlagRepository repository;

    public ProjectGuard(FlagRepository repository) {
        this.repository = repository;
    }

    public Versioned<Project> project(String projectKey, String principal, Role needed) {
        Versioned<Project> project = repository.getProject(projectKey)
                .orElseThrow(() -> AdminException.notFound("project \"" + projectKey + "\" does not exist"));
        Role role = Role.of(project.value(), principal)
                .orElseThrow(() -> AdminException.forbidden("principal \"" + principal
                        + "\" has no role in project \"" + projectKey + "\""));
        if (!role.includes(needed)) {
            throw AdminException.forbidden("principal \"" + principal + "\" is " + role.wireName() + " in project \""
                    + projectKey + "\"; this needs " + needed.wireName());
        }
        return project;
    }

    /**
     * As {@link #project}, but a principal with no role at all gets the same 404 as for a project that does not
     * exist: the history and audit routes do not even confirm that a project exists to outsiders.
     */
    public Versioned<Project> projectHiddenFromOutsiders(String projectKey, String principal, Role needed) {
        repository.getProject(projectKey)
                .filter(project -> Role.of(project.value(), principal).isPresent())
                .orElseThrow(() -> AdminException.notFound("project \"" + projectKey + "\" does not exist"));
        return project(projectKey, principal, needed);
    }

    /** As {@link #environment}, with {@link #projectHiddenFromOutsiders}'s 404 for a principal with no role. */
    public Environment environmentHiddenFromOutsiders(String projectKey, String environmentKey, String principal,
                                                      Role needed) {
        projectHiddenFromOutsiders(projectKey, principal, needed);
        return environment(projectKey, environmentKey, principal, needed);
    }

    public Environment environment(String projectKey, String environmentKey, String principal, Role needed) {
        project(projectKey, principal, needed);
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

    /** A protected environment refuses changes that carry no comment. */
    public static void requireCommentIfProtected(Environment environment, Caller caller) {
        if (environment.protectedEnv() && caller.comment() == null) {
            throw AdminException.invalid("X-Vexil-Comment", "environment \"" + environment.key()
                    + "\" is protected: every change needs a comment (X-Vexil-Comment header"
                    + " or a comment member in kill and rollback bodies)");
        }
    }
}
