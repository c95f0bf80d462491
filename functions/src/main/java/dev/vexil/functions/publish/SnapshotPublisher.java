package dev.vexil.functions.publish;

import dev.vexil.model.Snapshot;
import java.util.Optional;

/**
 * The port the compiler publishes through. Two adapters: S3 (AWS) and the filesystem (local mode); one contract
 * test suite runs against both.
 *
 * <p>Rules every adapter keeps (docs/snapshot-delivery.md): objects are stored gzip-compressed; the immutable
 * {@code v/<version>.json} is written first, then {@code current.json} is replaced only by a strictly newer
 * version, with a check that holds when two compilers race (S3: conditional write on the current object's ETag,
 * or If-None-Match for the first one); publishing the same version with the same content hash again writes
 * nothing.
 */
public interface SnapshotPublisher {

    /** Publishes a sealed snapshot (its {@code contentHash} set). Throws {@link PublishException} on I/O failure. */
    PublishOutcome publish(Snapshot sealedSnapshot);

    /** Reads one object by its layout key ({@link SnapshotLayout}); empty if absent. Used by the edge and tests. */
    Optional<StoredObject> read(String objectKey);

    /** Writes or replaces an environment's kill list (raw JSON; the adapter gzips it and sets the headers). */
    void writeKillList(String project, String environment, byte[] killListJson);

    /** Removes an environment's kill list, if any. */
    void deleteKillList(String project, String environment);
}
