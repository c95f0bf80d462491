package dev.vexil.core.publish;

/**
 * The HTTP headers every stored object carries (docs/snapshot-delivery.md). The mutable objects (current
 * snapshot, kill list) may be cached by the CDN for 5 s and must then be revalidated, which bounds how stale an
 * edge can be; immutable versions never change, so they may be cached for a year.
 */
public final class ObjectHeaders {
    public static final String CONTENT_TYPE = "application/json";
    public static final String CACHE_MUTABLE = "public, max-age=5, must-revalidate";
    public static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

    /** Object metadata (S3: {@code x-amz-meta-vexil-version}) naming the snapshot version an object holds. */
    public static final String META_VERSION = "vexil-version";
    /** Object metadata (S3: {@code x-amz-meta-vexil-content-hash}) with the snapshot's {@code contentHash}. */
    public static final String META_CONTENT_HASH = "vexil-content-hash";

    /**
     * The S3 object tag ({@code x-amz-tagging}) on immutable versions; the bucket's lifecycle rule expires objects
     * with this tag (infra-cdk {@code DataStore}: {@code vexil-object=snapshot-version}, 90 days).
     */
    public static final String VERSION_TAG = "vexil-object=snapshot-version";

    private ObjectHeaders() {
    }

    /**
     * The S3 object tag on deltas; the bucket's lifecycle rule expires them sooner than versions (infra-cdk
     * {@code DataStore}: {@code vexil-object=snapshot-delta}, 7 days): an SDK more than a few versions behind
     * fetches the whole snapshot anyway.
     */
    public static final String DELTA_TAG = "vexil-object=snapshot-delta";

    /**
     * {@link #CACHE_IMMUTABLE} for {@code v/<version>.json} and {@code d/<to>-<from>.json}, {@link #CACHE_MUTABLE}
     * for everything else.
     */
    public static String cacheControlFor(String objectKey) {
        return isVersionObject(objectKey) || isDeltaObject(objectKey) ? CACHE_IMMUTABLE : CACHE_MUTABLE;
    }

    static boolean isVersionObject(String objectKey) {
        return inFolder(objectKey, "/v");
    }

    static boolean isDeltaObject(String objectKey) {
        return inFolder(objectKey, "/d");
    }

    private static boolean inFolder(String objectKey, String folder) {
        int slash = objectKey.lastIndexOf('/');
        return slash >= 2 && objectKey.startsWith(folder, slash - 2);
    }
}
