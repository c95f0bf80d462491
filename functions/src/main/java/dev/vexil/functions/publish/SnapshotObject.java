package dev.vexil.functions.publish;

import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.util.Objects;

/**
 * A sealed snapshot encoded for storage: its canonical JSON and the gzip bytes that are stored. Encoded once by
 * the compiler, which logs both sizes, then handed to a {@link SnapshotPublisher}.
 */
public record SnapshotObject(String project, String environment, long version, String contentHash,
                             byte[] json, byte[] gzip) {

    public static SnapshotObject encode(Snapshot sealed) {
        Objects.requireNonNull(sealed.contentHash(), "the snapshot must be sealed (contentHash set) before publishing");
        byte[] json = SnapshotCodec.write(sealed);
        return new SnapshotObject(sealed.project(), sealed.environment(), sealed.version(), sealed.contentHash(),
                json, Gzip.compress(json));
    }
}
