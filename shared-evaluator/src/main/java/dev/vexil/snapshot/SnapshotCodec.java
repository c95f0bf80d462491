package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.model.Snapshot;

/**
 * Reads and writes snapshot format v1 (docs/snapshot-format.md): canonical JSON, SHA-256 content hash,
 * schemaVersion check. Readers ignore unknown fields but include them when verifying the hash.
 */
public final class SnapshotCodec {
    // TODO(H2): implementation.

    private SnapshotCodec() {
    }

    /** The shared, configured Jackson mapper for the model (ignores unknown properties, omits nulls). */
    public static ObjectMapper mapper() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Returns the snapshot with its {@code contentHash} computed over the canonical form. */
    public static Snapshot seal(Snapshot snapshot) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Canonical UTF-8 JSON bytes of a sealed snapshot (seals it if {@code contentHash} is null). */
    public static byte[] write(Snapshot snapshot) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Parses and verifies: refuses invalid JSON, an unknown schemaVersion, or a contentHash that does not match. */
    public static Snapshot read(byte[] json) throws SnapshotFormatException {
        throw new UnsupportedOperationException("TODO");
    }
}
