package dev.vexil.core.store.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.Versioned;
import java.time.Instant;

/**
 * One immutable version item as both adapters store it, independent of the storage engine.
 * {@code contentJson} is null for a tombstone ({@code deleted}); {@code diffJson} may be null.
 */
public record StoredVersion(ResourceType type, String key, long version, Instant at, String principal,
                            String action, String comment, String diffJson, String contentJson, boolean deleted) {

    public boolean live() {
        return !deleted;
    }

    public <T> T content(Class<T> contentType) {
        return StoreJson.read(contentJson, contentType);
    }

    public <T> Versioned<T> toVersioned(Class<T> contentType) {
        return new Versioned<>(content(contentType), version, at, principal);
    }

    /** As an audit log entry; {@code environment} as {@link ResourceChain#environment()}. */
    public AuditEntry toAuditEntry(String environment) {
        return new AuditEntry(type, key, environment, version, at, principal, action, comment,
                diffJson == null ? null : StoreJson.readTree(diffJson));
    }

    public <T> HistoryEntry<T> toHistoryEntry(Class<T> contentType) {
        JsonNode diff = diffJson == null ? null : StoreJson.readTree(diffJson);
        return new HistoryEntry<>(version, at, principal, action, comment, diff, content(contentType));
    }
}
