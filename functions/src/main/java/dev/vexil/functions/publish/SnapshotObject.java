package dev.vexil.functions.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;

/**
 * A snapshot sealed and encoded for storage: its {@code contentHash}, its canonical JSON and the gzip bytes that are
 * stored. Encoded once by the compiler, which logs both sizes, then handed to a {@link SnapshotPublisher}.
 */
public record SnapshotObject(String project, String environment, long version, String contentHash,
                             byte[] json, byte[] gzip) {

    /**
     * Seals and encodes {@code snapshot}: the same bytes as {@code SnapshotCodec.write(SnapshotCodec.seal(s))},
     * with one tree and two canonical passes instead of two trees and three. Like {@code SnapshotCodec.write}, it
     * always writes the hash of the content written, so a sealed or unsealed snapshot may be given.
     */
    public static SnapshotObject encode(Snapshot snapshot) {
        ObjectNode tree = SnapshotCodec.mapper().valueToTree(snapshot.withContentHash(null));
        String contentHash = SnapshotCodec.hashOf(tree);
        tree.put(SnapshotCodec.HASH_FIELD, contentHash);
        byte[] json = SnapshotCodec.canonicalBytes(tree);
        return new SnapshotObject(snapshot.project(), snapshot.environment(), snapshot.version(), contentHash, json,
                Gzip.compress(json));
    }
}
