package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Snapshot format v1: everything an SDK needs to evaluate one environment. See docs/snapshot-format.md.
 * {@code version} is the environment's change counter; {@code contentHash} is
 * {@code "sha256:" + hex(SHA-256(canonical JSON of the document without contentHash))}.
 * Flags and segments are sorted by key. {@code malformedFlags} (sorted by key, absent when empty, so snapshots
 * without broken flags are byte-for-byte what they were before the field existed) marks flags of {@code flags}
 * that the compiler published although they failed validation; SDKs serve them as ERROR / MALFORMED_FLAG.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "project", "environment", "version", "generatedAt", "flags", "segments",
        "malformedFlags", "contentHash"})
public record Snapshot(
        int schemaVersion,
        String project,
        String environment,
        long version,
        String generatedAt,
        List<Flag> flags,
        List<Segment> segments,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MalformedFlag> malformedFlags,
        String contentHash) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Snapshot {
        flags = flags == null ? List.of() : List.copyOf(flags);
        segments = segments == null ? List.of() : List.copyOf(segments);
        malformedFlags = malformedFlags == null ? List.of() : List.copyOf(malformedFlags);
    }

    /** A snapshot without malformed flags. */
    public Snapshot(int schemaVersion, String project, String environment, long version, String generatedAt,
                    List<Flag> flags, List<Segment> segments, String contentHash) {
        this(schemaVersion, project, environment, version, generatedAt, flags, segments, List.of(), contentHash);
    }

    public Snapshot withContentHash(String hash) {
        return new Snapshot(schemaVersion, project, environment, version, generatedAt, flags, segments,
                malformedFlags, hash);
    }

    /** The same snapshot with these flags marked malformed (sorted by key here); the content hash is dropped. */
    public Snapshot withMalformedFlags(List<MalformedFlag> marked) {
        List<MalformedFlag> sorted = marked.stream()
                .sorted(java.util.Comparator.comparing(MalformedFlag::key)).toList();
        return new Snapshot(schemaVersion, project, environment, version, generatedAt, flags, segments, sorted, null);
    }
}
