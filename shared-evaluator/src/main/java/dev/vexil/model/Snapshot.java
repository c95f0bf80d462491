package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Snapshot format v1: everything an SDK needs to evaluate one environment. See docs/snapshot-format.md.
 * {@code version} is the environment's change counter; {@code contentHash} is
 * {@code "sha256:" + hex(SHA-256(canonical JSON of the document without contentHash))}.
 * Flags and segments are sorted by key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "project", "environment", "version", "generatedAt", "flags", "segments", "contentHash"})
public record Snapshot(
        int schemaVersion,
        String project,
        String environment,
        long version,
        String generatedAt,
        List<Flag> flags,
        List<Segment> segments,
        String contentHash) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Snapshot {
        flags = flags == null ? List.of() : List.copyOf(flags);
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public Snapshot withContentHash(String hash) {
        return new Snapshot(schemaVersion, project, environment, version, generatedAt, flags, segments, hash);
    }
}
