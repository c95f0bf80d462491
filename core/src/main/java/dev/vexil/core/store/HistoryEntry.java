package dev.vexil.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One change of a resource, as recorded by the version item it wrote. {@code sessionName} is the author's STS role
 * session name (null for IAM users, JWT and local callers); {@code breakGlass} marks a change by a break-glass
 * operator.
 */
public record HistoryEntry<T>(long version, Instant at, String principal, String action, String comment,
                              JsonNode diff, T content, String sessionName, boolean breakGlass) {

    public HistoryEntry(long version, Instant at, String principal, String action, String comment, JsonNode diff,
                        T content) {
        this(version, at, principal, action, comment, diff, content, null, false);
    }
}
