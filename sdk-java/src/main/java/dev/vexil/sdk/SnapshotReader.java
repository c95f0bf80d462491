package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.snapshot.SnapshotVerifier;

/**
 * Reads a snapshot wherever it comes from (the edge, the cache, the bootstrap file): the codec's checks (JSON,
 * {@code schemaVersion}, {@code contentHash}), then, when the client trusts signing keys, the signature. Refusing
 * here comes before the store sees the snapshot, so a forged one changes nothing (not even the highest version
 * the client will accept).
 */
final class SnapshotReader {
    private final SnapshotVerifier verifier; // null: no trusted keys, signatures are not checked

    SnapshotReader(SnapshotVerifier verifier) {
        this.verifier = verifier;
    }

    /** Whether signatures are required. */
    boolean verifiesSignatures() {
        return verifier != null;
    }

    /** Verifies and binds; {@link dev.vexil.snapshot.SnapshotSignatureException} for an origin that cannot be verified. */
    Snapshot read(byte[] json) throws SnapshotFormatException {
        JsonNode tree = SnapshotCodec.readVerifiedTree(json);
        if (verifier != null) {
            verifier.verify(tree);
        }
        return SnapshotCodec.bind(tree);
    }
}
