package dev.vexil.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Who made a change, when, and why; stored on the version item the change writes.
 * {@code action} is e.g. {@code create}, {@code update}, {@code kill}, {@code rollback}, {@code delete}.
 * {@code diff} is the structured diff from the previous version (computed by the service), may be null.
 * {@code sessionName} is the caller's STS role session name (audit only; null for IAM users, JWT and local
 * callers); {@code breakGlass} marks a change made by a break-glass operator.
 */
public record ChangeMeta(String principal, String action, String comment, JsonNode diff, Instant at,
                         String sessionName, boolean breakGlass) {

    public ChangeMeta(String principal, String action, String comment, JsonNode diff, Instant at) {
        this(principal, action, comment, diff, at, null, false);
    }
}
