package dev.vexil.core.publish;

import dev.vexil.wire.KillList;
import dev.vexil.wire.KillListFormatException;
import dev.vexil.model.Snapshot;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The port the compiler publishes through. Two adapters: S3 (AWS) and the filesystem (local mode); one contract
 * test suite runs against both.
 *
 * <p>Rules every adapter keeps (docs/snapshot-delivery.md): objects are stored gzip-compressed; the immutable
 * {@code v/<version>.json} is written first, then {@code current.json} is replaced only by a strictly newer
 * version, with a check that holds when two compilers race (S3: conditional write on the current object's ETag,
 * or If-None-Match for the first one); publishing a version that is already current writes nothing.
 *
 * <p>A publisher can read back what it wrote ({@link SnapshotSource#read}), which the contract tests use; the edge
 * is given only a {@link SnapshotSource}.
 */
public interface SnapshotPublisher extends SnapshotSource {

    /** Publishes a sealed snapshot (its {@code contentHash} set). Throws {@link PublishException} on I/O failure. */
    default PublishOutcome publish(Snapshot sealedSnapshot) {
        return publish(SnapshotObject.encode(sealedSnapshot));
    }

    /** Publishes an already encoded snapshot (the compiler encodes once to log its sizes). */
    PublishOutcome publish(SnapshotObject snapshot);

    /**
     * The version {@code current.json} holds, from its stored metadata (no body transfer); empty if there is none.
     * Lets the compiler skip work when the current object already holds a version.
     */
    OptionalLong currentVersion(String project, String environment);

    /**
     * The ETag of {@code current.json} if it holds exactly {@code version} (one metadata read); empty if it holds
     * another version or none. Put in the push notification so that an SDK that rebuilt that version from a delta
     * revalidates with a 304 afterwards instead of downloading it whole (docs/push.md).
     */
    Optional<String> currentEtag(String project, String environment, long version);

    /**
     * Stores one immutable delta object ({@link SnapshotLayout#delta}; gzip, immutable cache headers). A delta that
     * exists already is left as it is: it is a pure function of two immutable versions. Throws
     * {@link PublishException} on I/O failure.
     */
    void writeDelta(String project, String environment, long fromVersion, long toVersion, byte[] deltaJson);

    /**
     * Writes or replaces an environment's kill list (raw JSON; the adapter gzips it and sets the headers).
     * Throws {@link IllegalArgumentException} if the JSON is not a kill list ({@link #requireKillList}); nothing is
     * written.
     * Throws {@link PublishException} on I/O failure.
     */
    void writeKillList(String project, String environment, byte[] killListJson);

    /**
     * The check every adapter runs before it stores an operator's kill list: it must parse exactly as the SDKs
     * parse it ({@link KillList#parse(byte[])}), so that a typo never replaces a good kill list with one the SDKs
     * would refuse. The operator's bytes are stored as given, not re-rendered.
     */
    static void requireKillList(byte[] killListJson) {
        try {
            KillList.parse(killListJson);
        } catch (KillListFormatException e) {
            throw new IllegalArgumentException("kill list: " + e.getMessage(), e);
        }
    }

    /** Removes an environment's kill list, if any. Throws {@link PublishException} on I/O failure. */
    void deleteKillList(String project, String environment);
}
