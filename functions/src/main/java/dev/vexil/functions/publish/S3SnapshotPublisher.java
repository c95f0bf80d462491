package dev.vexil.functions.publish;

import dev.vexil.wire.ObjectEncoding;
import dev.vexil.core.publish.ObjectHeaders;
import dev.vexil.core.publish.PublishException;
import dev.vexil.core.publish.PublishOutcome;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.publish.StoredObject;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Publishes snapshots to S3 (docs/snapshot-delivery.md). Monotonic under racing compilers: {@code current.json}
 * is replaced only by a conditional PutObject, {@code If-Match} on the ETag just read (or {@code If-None-Match: *}
 * when there is none), so a writer that lost a race gets 412, re-reads and decides again. S3 evaluates those
 * conditions atomically. The version and contentHash are stored as object metadata, so a HEAD tells what is
 * current.
 */
public final class S3SnapshotPublisher implements SnapshotPublisher {
    /** Conflicts are rare (two compilers on one environment); a bound keeps a pathological case from spinning. */
    private static final int MAX_ATTEMPTS = 20;
    private static final int PRECONDITION_FAILED = 412;
    /** S3 answers 409 ConditionalRequestConflict when a conflicting conditional write is in flight. */
    private static final int CONDITIONAL_REQUEST_CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final String bucket;
    private final boolean tagVersions;

    /** A publisher that does not tag version objects (S3-compatible stores without object tags, e.g. S3Proxy). */
    public S3SnapshotPublisher(S3Client s3, String bucket) {
        this(s3, bucket, false);
    }

    /**
     * {@code tagVersions}: tag each {@code v/<version>.json} {@code vexil-object=snapshot-version}, which the
     * bucket's lifecycle rule expires (on AWS: true; S3Proxy answers 501 to tags).
     */
    public S3SnapshotPublisher(S3Client s3, String bucket, boolean tagVersions) {
        this.s3 = s3;
        this.bucket = bucket;
        this.tagVersions = tagVersions;
    }

    @Override
    public PublishOutcome publish(SnapshotObject snapshot) {
        String currentKey = SnapshotLayout.current(snapshot.project(), snapshot.environment());
        boolean wroteCurrent = false;
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Optional<HeadObjectResponse> current = head(currentKey);
                long currentVersion = current.map(S3SnapshotPublisher::versionOf).orElse(-1L);
                if (currentVersion > snapshot.version()) {
                    return PublishOutcome.SUPERSEDED;
                }
                if (currentVersion == snapshot.version()) {
                    // Our own write may have landed while its response was lost (the SDK retried and got 412).
                    boolean ours = wroteCurrent && snapshot.contentHash().equals(contentHashOf(current.get()));
                    return ours ? PublishOutcome.PUBLISHED : PublishOutcome.UNCHANGED;
                }
                if (attempt == 1) {
                    putVersionObject(snapshot);
                }
                wroteCurrent = true;
                if (replaceCurrent(currentKey, snapshot, current.map(HeadObjectResponse::eTag).orElse(null))) {
                    return PublishOutcome.PUBLISHED;
                }
            }
        } catch (SdkException e) {
            throw new PublishException("publishing " + currentKey + " version " + snapshot.version() + " failed: "
                    + e.getMessage(), e);
        }
        throw new PublishException("publishing " + currentKey + " version " + snapshot.version() + " lost "
                + MAX_ATTEMPTS + " conditional writes in a row", null);
    }

    @Override
    public OptionalLong currentVersion(String project, String environment) {
        try {
            return head(SnapshotLayout.current(project, environment))
                    .map(h -> OptionalLong.of(versionOf(h))).orElse(OptionalLong.empty());
        } catch (SdkException e) {
            throw new PublishException("reading the current version of " + project + "/" + environment + " failed", e);
        }
    }

    @Override
    public Optional<String> currentEtag(String project, String environment, long version) {
        try {
            return head(SnapshotLayout.current(project, environment))
                    .filter(h -> versionOf(h) == version).map(HeadObjectResponse::eTag);
        } catch (SdkException e) {
            throw new PublishException("reading the current ETag of " + project + "/" + environment + " failed", e);
        }
    }

    /** Immutable, written once ({@code If-None-Match: *}); tagged so that the lifecycle rule expires it after 7 days. */
    @Override
    public void writeDelta(String project, String environment, long fromVersion, long toVersion, byte[] deltaJson) {
        String key = SnapshotLayout.delta(project, environment, fromVersion, toVersion);
        PutObjectRequest.Builder put = headers(key, Map.of()).ifNoneMatch("*");
        if (tagVersions) {
            put.tagging(ObjectHeaders.DELTA_TAG);
        }
        try {
            s3.putObject(put.build(), RequestBody.fromBytes(ObjectEncoding.gzip(deltaJson)));
        } catch (S3Exception e) {
            if (!isConditionFailure(e)) {
                throw new PublishException("writing " + key + " failed: " + e.getMessage(), e);
            }
        } catch (SdkException e) {
            throw new PublishException("writing " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> read(String objectKey) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey));
            GetObjectResponse r = object.response();
            return Optional.of(new StoredObject(object.asByteArray(), r.eTag(), r.contentType(), r.contentEncoding(),
                    r.cacheControl()));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new PublishException("reading " + objectKey + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new PublishException("reading " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void writeKillList(String project, String environment, byte[] killListJson) {
        SnapshotPublisher.requireKillList(killListJson);
        String key = SnapshotLayout.killList(project, environment);
        try {
            s3.putObject(headers(key, Map.of()).build(), RequestBody.fromBytes(ObjectEncoding.gzip(killListJson)));
        } catch (SdkException e) {
            throw new PublishException("writing " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteKillList(String project, String environment) {
        String key = SnapshotLayout.killList(project, environment);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new PublishException("deleting " + key + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code v/<version>.json} unless it exists; it is immutable, so an existing one is already right. It is
     * tagged so that the bucket's lifecycle rule can expire old versions (a prefix filter cannot select them).
     */
    private void putVersionObject(SnapshotObject snapshot) {
        String key = SnapshotLayout.version(snapshot.project(), snapshot.environment(), snapshot.version());
        PutObjectRequest.Builder put = headers(key, metadata(snapshot)).ifNoneMatch("*");
        if (tagVersions) {
            put.tagging(ObjectHeaders.VERSION_TAG);
        }
        try {
            s3.putObject(put.build(), RequestBody.fromBytes(snapshot.gzip()));
        } catch (S3Exception e) {
            if (!isConditionFailure(e)) {
                throw e;
            }
        }
    }

    /** One conditional replace of current.json; false if another writer changed it since {@code expectedEtag}. */
    private boolean replaceCurrent(String key, SnapshotObject snapshot, String expectedEtag) {
        PutObjectRequest.Builder put = headers(key, metadata(snapshot));
        if (expectedEtag == null) {
            put.ifNoneMatch("*");
        } else {
            put.ifMatch(expectedEtag);
        }
        try {
            s3.putObject(put.build(), RequestBody.fromBytes(snapshot.gzip()));
            return true;
        } catch (S3Exception e) {
            if (isConditionFailure(e)) {
                return false;
            }
            throw e;
        }
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private PutObjectRequest.Builder headers(String key, Map<String, String> metadata) {
        return PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(ObjectHeaders.CONTENT_TYPE)
                .contentEncoding(ObjectEncoding.CONTENT_ENCODING)
                .cacheControl(ObjectHeaders.cacheControlFor(key))
                .metadata(metadata);
    }

    private static Map<String, String> metadata(SnapshotObject snapshot) {
        return Map.of(ObjectHeaders.META_VERSION, Long.toString(snapshot.version()),
                ObjectHeaders.META_CONTENT_HASH, snapshot.contentHash());
    }

    /** The version an object's metadata names; -1 (older than any) for an object written by something else. */
    private static long versionOf(HeadObjectResponse head) {
        String version = head.metadata().get(ObjectHeaders.META_VERSION);
        try {
            return version == null ? -1 : Long.parseLong(version);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String contentHashOf(HeadObjectResponse head) {
        return head.metadata().get(ObjectHeaders.META_CONTENT_HASH);
    }

    private static boolean isConditionFailure(S3Exception e) {
        return e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONDITIONAL_REQUEST_CONFLICT;
    }
}
