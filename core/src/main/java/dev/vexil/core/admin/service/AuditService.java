package dev.vexil.core.admin.service;

import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Page;

/**
 * The audit logs: every change of a project (definitions, environments, segments, SDK keys, roles) or of one
 * environment (flag configurations, segments, SDK keys), newest first. Viewers may read them; to a principal with
 * no role the project does not exist (404).
 */
public final class AuditService {
    private final FlagRepository repository;
    private final ProjectGuard guard;

    public AuditService(FlagRepository repository) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
    }

    public Page<AuditEntry> log(Caller caller, AuditQuery query, String cursor, int limit) {
        if (query.projectLog()) {
            guard.project(query.project(), caller, Role.VIEWER);
        } else {
            guard.environment(query.project(), query.environment(), caller, Role.VIEWER);
        }
        return repository.auditLog(query, cursor, limit);
    }
}
