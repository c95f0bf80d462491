package dev.vexil.core.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which audit log to read and how to filter it. {@code environment} null means the project log (definitions,
 * environments, segments, SDK keys and the project itself, i.e. its roles); otherwise the environment log (its flag
 * configurations, segments, SDK keys and change requests). Every filter may be null; {@code from} is inclusive, {@code to}
 * exclusive.
 */
public record AuditQuery(String project, String environment, String principal, ResourceType resourceType,
                         String resourceKey, Instant from, Instant to) {

    public static final Set<ResourceType> PROJECT_LOG_TYPES = Set.of(ResourceType.PROJECT, ResourceType.ENVIRONMENT,
            ResourceType.FLAG_DEFINITION, ResourceType.SEGMENT, ResourceType.SDK_KEY);
    public static final Set<ResourceType> ENVIRONMENT_LOG_TYPES = Set.of(ResourceType.FLAG_CONFIG,
            ResourceType.SEGMENT, ResourceType.SDK_KEY, ResourceType.CHANGE_REQUEST, ResourceType.SCHEDULE);

    public boolean projectLog() {
        return environment == null;
    }

    /** The resource types this log holds. */
    public Set<ResourceType> types() {
        return projectLog() ? PROJECT_LOG_TYPES : ENVIRONMENT_LOG_TYPES;
    }

    /** Whether entries of {@code type} can pass the filters at all (lets an adapter skip a whole source). */
    public boolean wants(ResourceType type) {
        return types().contains(type) && (resourceType == null || resourceType == type);
    }

    public boolean matches(AuditEntry entry) {
        return wants(entry.resourceType())
                && (principal == null || principal.equals(entry.principal()))
                && (resourceKey == null || resourceKey.equals(entry.resourceKey()));
    }
}
