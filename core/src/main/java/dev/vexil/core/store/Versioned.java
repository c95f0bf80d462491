package dev.vexil.core.store;

import java.time.Instant;

/** A stored resource at one version. {@code version} starts at 1 and grows by one per change; it is the ETag. */
public record Versioned<T>(T value, long version, Instant updatedAt, String updatedBy) {
    /** The HTTP entity tag of this version, e.g. {@code "7"}. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
