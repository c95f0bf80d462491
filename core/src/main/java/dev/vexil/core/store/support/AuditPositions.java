package dev.vexil.core.store.support;

import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where an entry stands in an audit log: a string that sorts like (time, environment, type, key, version), so that
 * "newest first" is descending string order in DynamoDB's index and SQLite's alike. The time is fixed-width
 * (seconds and nanoseconds, zero-padded), so string order is time order; the rest only breaks ties.
 */
public final class AuditPositions {
    private static final String CURSOR_PREFIX = "audit|";

    private AuditPositions() {
    }

    public static String of(Instant at, String environment, ResourceType type, String key, long version) {
        return time(at) + "#" + (environment == null ? "" : environment) + "#" + type.name() + "#" + key + "#"
                + String.format("%020d", version);
    }

    /** The position of a history entry of {@code chain}. */
    public static String of(ResourceChain chain, StoredVersion version) {
        return of(version.at(), chain.environment(), chain.type(), chain.key(), version.version());
    }

    public static String of(AuditEntry entry) {
        return of(entry.at(), entry.environment(), entry.resourceType(), entry.resourceKey(), entry.version());
    }

    /** Every position at {@code at} or later sorts at or above this; every earlier one below it. */
    public static String time(Instant at) {
        return String.format("%012d.%09d", at.getEpochSecond(), at.getNano());
    }

    /**
     * The cursor after {@code position} in the log of {@code query}: it names the log it belongs to, so a cursor of
     * another project's or environment's log is refused rather than followed.
     */
    public static String cursor(AuditQuery query, String position) {
        String text = CURSOR_PREFIX + scope(query) + "|" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor continues below; null for the first page. IllegalArgumentException if not ours. */
    public static String below(AuditQuery query, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String expected = CURSOR_PREFIX + scope(query) + "|";
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(expected) && text.length() > expected.length()) {
                return text.substring(expected.length());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid cursor for this audit log: " + cursor);
    }

    private static String scope(AuditQuery query) {
        return query.project() + "/" + (query.environment() == null ? "" : query.environment());
    }
}
