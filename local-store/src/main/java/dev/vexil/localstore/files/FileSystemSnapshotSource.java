package dev.vexil.localstore.files;

import dev.vexil.wire.ObjectEncoding;
import dev.vexil.core.publish.ObjectHeaders;
import dev.vexil.core.publish.PublishException;
import dev.vexil.core.publish.SnapshotSource;
import dev.vexil.core.publish.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads the objects that {@link FileSystemSnapshotPublisher} writes under a root directory (the bucket's layout),
 * for the local edge. Read-only.
 *
 * <p>The ETag is a quoted SHA-256 of the stored bytes, computed from the body that is read, so it always matches
 * the body served. Headers come from the {@code <object>.meta.json} sidecar when it describes that body, otherwise
 * (an operator copied a file in by hand) from the key and the bytes (gzip magic number).
 */
public final class FileSystemSnapshotSource implements SnapshotSource {
    private final Path root;

    public FileSystemSnapshotSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<StoredObject> read(String objectKey) {
        Path file = resolve(objectKey);
        try {
            byte[] body = Files.readAllBytes(file);
            String etag = etagOf(body);
            Optional<ObjectSidecar> sidecar = ObjectSidecar.read(file).filter(s -> etag.equals(s.etag()));
            return Optional.of(sidecar
                    .map(s -> new StoredObject(body, etag, s.contentType(), s.contentEncoding(), s.cacheControl()))
                    .orElseGet(() -> new StoredObject(body, etag, ObjectHeaders.CONTENT_TYPE,
                            ObjectEncoding.isGzip(body) ? ObjectEncoding.CONTENT_ENCODING : null,
                            ObjectHeaders.cacheControlFor(objectKey))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PublishException("reading " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    /** Maps a layout key under the root; a key that would escape the root (e.g. {@code ..}) is refused. */
    Path resolve(String objectKey) {
        Path path = root.resolve(objectKey).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("object key outside the snapshot root: " + objectKey);
        }
        return path;
    }

    /** A strong ETag, quoted as HTTP sends it: the SHA-256 of the stored bytes. */
    static String etagOf(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
