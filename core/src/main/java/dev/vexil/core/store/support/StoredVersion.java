package dev.vexil.core.store.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.Versioned;
import java.time.Instant;

/**
 * One immutable version item as both adapters store it, independent of the storage engine.
 * {@code contentJson} is null for a tombstone ({@code deleted}); {@code diffJson} may be null.
 * {@code sessionName} (the author's STS role session name, may be null) and {@code breakGlass} (the change was
 * made by a break-glass operator) are audit fields: see {@link dev.vexil.core.store.ChangeMeta}.
 */
public record StoredVersion(ResourceType type, String key, long version, Instant at, String principal,
                            String action, String comment, String diffJson, String contentJson, boolean deleted,
                            String sessionName, boolean breakGlass) {

    public StoredVersion(ResourceType type, String key, long version, Instant at, String principal, String action,
                         String comment, String diffJson, String contentJson, boolean deleted) {
        this(type, key, version, at, principal, action, comment, diffJson, contentJson, deleted, null, false);
    }

    /** A new version item for a change described by {@code meta}. */
    public static StoredVersion of(ResourceType type, String key, long version, Instant at, ChangeMeta meta,
                                   String contentJson, boolean deleted) {
        return new StoredVersion(type, key, version, at, meta.principal(), meta.action(), meta.comment(),
                DiffCap.forStorage(meta.diff()), contentJson, deleted, meta.sessionName(), meta.breakGlass());
    }

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
                diffJson == null ? null : StoreJson.readTree(diffJson), sessionName, breakGlass);
    }

    public <T> HistoryEntry<T> toHistoryEntry(Class<T> contentType) {
        JsonNode diff = diffJson == null ? null : StoreJson.readTree(diffJson);
        return new HistoryEntry<>(version, at, principal, action, comment, diff, content(contentType), sessionName,
                breakGlass);
    }
}
