package dev.vexil.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One change in an audit log: which resource ({@code environment} null for project-level resources), the version
 * the change made, when, by whom, the action, the comment and the structured diff, as history records them. SDK
 * keys have two entries: version 1 ({@code create}) and version 2 ({@code revoke}), without a diff.
 */
public record AuditEntry(ResourceType resourceType, String resourceKey, String environment, long version, Instant at,
                         String principal, String action, String comment, JsonNode diff, String sessionName,
                         boolean breakGlass) {

    /** An entry with no session name and no break-glass mark (SDK-key changes, which record neither). */
    public AuditEntry(ResourceType resourceType, String resourceKey, String environment, long version, Instant at,
                      String principal, String action, String comment, JsonNode diff) {
        this(resourceType, resourceKey, environment, version, at, principal, action, comment, diff, null, false);
    }
}
