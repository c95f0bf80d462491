package dev.vexil.core.publish;

import java.util.Optional;

/**
 * The read side of the snapshot store, for the edge: it serves stored objects as they are and never writes. On
 * AWS, CloudFront reads the bucket itself; locally and in tests the edge reads through this port (the filesystem
 * source, or the S3 publisher).
 */
@FunctionalInterface
public interface SnapshotSource {

    /**
     * One object by its layout key ({@link SnapshotLayout}); empty if absent. Throws {@link PublishException} if the
     * store cannot be read.
     */
    Optional<StoredObject> read(String objectKey);
}
