package dev.vexil.core.publish;

import dev.vexil.wire.ObjectEncoding;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.CanonicalJson;
import dev.vexil.snapshot.SnapshotCodec;

/**
 * A snapshot sealed and encoded for storage: its {@code contentHash}, its canonical JSON and the gzip bytes that are
 * stored. Encoded once by the compiler, which logs both sizes, then handed to a {@link SnapshotPublisher}.
 */
public record SnapshotObject(String project, String environment, long version, String contentHash,
                             byte[] json, byte[] gzip) {

    /**
     * Seals and encodes {@code snapshot}: the same bytes as {@code SnapshotCodec.write(SnapshotCodec.seal(s))},
     * with one tree and one canonical rendering instead of two trees and three. Like {@code SnapshotCodec.write}, it
     * always writes the hash of the content written, so a sealed or unsealed snapshot may be given.
     */
    public static SnapshotObject encode(Snapshot snapshot) {
        return encode(snapshot, treeOf(snapshot));
    }

    /** The tree {@link #encode(Snapshot, ObjectNode)} takes: the snapshot without its contentHash. */
    public static ObjectNode treeOf(Snapshot snapshot) {
        return SnapshotCodec.mapper().valueToTree(snapshot.withContentHash(null));
    }

    /**
     * Encodes from a tree already built by {@link #treeOf} (the compiler validates that same tree first, so it is
     * built once). The tree is not changed.
     */
    public static SnapshotObject encode(Snapshot snapshot, ObjectNode treeWithoutHash) {
        CanonicalJson.WithDerivedMember sealed = SnapshotCodec.sealTree(treeWithoutHash);
        return new SnapshotObject(snapshot.project(), snapshot.environment(), snapshot.version(), sealed.value(),
                sealed.bytes(), ObjectEncoding.gzip(sealed.bytes()));
    }
}
