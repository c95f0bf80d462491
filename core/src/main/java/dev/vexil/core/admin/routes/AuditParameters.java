package dev.vexil.core.admin.routes;

import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.ResourceType;
import dev.vexil.validate.KeyRules;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters of an audit log request ({@code principal}, {@code resourceType}, {@code resourceKey}, {@code from},
 * {@code to}), checked before anything is read: a malformed value is a 400 that names the parameter.
 */
final class AuditParameters {
    private static final int MAX_PRINCIPAL = 2048;

    private AuditParameters() {
    }

    /** The query for the project log ({@code environment} null) or an environment's log. */
    static AuditQuery query(ApiRequest request, String project, String environment) {
        Set<ResourceType> types = environment == null ? AuditQuery.PROJECT_LOG_TYPES : AuditQuery.ENVIRONMENT_LOG_TYPES;
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw AdminException.invalid("to", "must be after from (" + from + "), got " + to);
        }
        return new AuditQuery(project, environment, principal(request), resourceType(request, types),
                resourceKey(request), from, to);
    }

    private static String principal(ApiRequest request) {
        String raw = present(request, "principal");
        if (raw != null && raw.length() > MAX_PRINCIPAL) {
            throw AdminException.invalid("principal", "longer than " + MAX_PRINCIPAL + " characters");
        }
        return raw;
    }

    private static ResourceType resourceType(ApiRequest request, Set<ResourceType> inThisLog) {
        String raw = present(request, "resourceType");
        if (raw == null) {
            return null;
        }
        for (ResourceType type : inThisLog) {
            if (type.name().equals(raw)) {
                return type;
            }
        }
        Set<String> names = new TreeSet<>();
        inThisLog.forEach(type -> names.add(type.name()));
        throw AdminException.invalid("resourceType", "expected one of " + names + " in this log, got \"" + raw + "\"");
    }

    private static String resourceKey(ApiRequest request) {
        String raw = present(request, "resourceKey");
        if (raw != null && !KeyRules.isValidKey(raw)) {
            throw AdminException.invalid("resourceKey", "expected a key matching " + KeyRules.KEY_REGEX + ", got \""
                    + raw + "\"");
        }
        return raw;
    }

    private static Instant instant(ApiRequest request, String name) {
        String raw = present(request, name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw AdminException.invalid(name, "expected an ISO-8601 instant such as 2026-01-02T03:04:05Z, got \""
                    + raw + "\"");
        }
    }

    /** The parameter's value; null when absent. Given but empty is a mistake, not "no filter". */
    private static String present(ApiRequest request, String name) {
        String raw = request.queryParameter(name);
        if (raw != null && raw.isBlank()) {
            throw AdminException.invalid(name, "is empty; leave it out to not filter by it");
        }
        return raw;
    }
}
