package dev.vexil.localstore.files;

import dev.vexil.wire.AtomicFiles;
import dev.vexil.wire.ObjectEncoding;
import dev.vexil.core.publish.ObjectHeaders;
import dev.vexil.core.publish.PublishException;
import dev.vexil.core.publish.PublishOutcome;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.publish.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Publishes snapshots to a directory tree with the same layout as the bucket (local mode). Each object is one
 * file written atomically (temp file, fsync, rename), with a {@code <object>.meta.json} sidecar holding what S3
 * keeps as headers and metadata. The monotonic check runs under a per-environment lock held across threads and
 * processes ({@link EnvironmentLock}), so two racing compilers never move {@code current.json} backwards. Reading
 * back is {@link FileSystemSnapshotSource}'s job, which the edge uses on its own.
 */
public final class FileSystemSnapshotPublisher implements SnapshotPublisher {
    private static final String LOCK_FILE = ".publish.lock";

    private final FileSystemSnapshotSource objects;

    public FileSystemSnapshotPublisher(Path root) {
        this.objects = new FileSystemSnapshotSource(root);
    }

    public Path root() {
        return objects.root();
    }

    @Override
    public PublishOutcome publish(SnapshotObject snapshot) {
        String currentKey = SnapshotLayout.current(snapshot.project(), snapshot.environment());
        Path current = resolve(currentKey);
        try (EnvironmentLock ignored = lock(snapshot.project(), snapshot.environment())) {
            long currentVersion = storedVersion(current).orElse(-1);
            if (currentVersion > snapshot.version()) {
                return PublishOutcome.SUPERSEDED;
            }
            if (currentVersion == snapshot.version()) {
                return PublishOutcome.UNCHANGED;
            }
            String versionKey = SnapshotLayout.version(snapshot.project(), snapshot.environment(), snapshot.version());
            if (!Files.exists(resolve(versionKey))) { // immutable: an existing one already holds this version
                store(versionKey, snapshot.gzip(), snapshot.version(), snapshot.contentHash());
            }
            store(currentKey, snapshot.gzip(), snapshot.version(), snapshot.contentHash());
            return PublishOutcome.PUBLISHED;
        } catch (IOException e) {
            throw new PublishException("publishing " + currentKey + " version " + snapshot.version() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong currentVersion(String project, String environment) {
        try {
            return storedVersion(resolve(SnapshotLayout.current(project, environment)));
        } catch (IOException e) {
            throw new PublishException("reading the current version of " + project + "/" + environment + " failed", e);
        }
    }

    @Override
    public Optional<String> currentEtag(String project, String environment, long version) {
        try {
            Optional<ObjectSidecar> sidecar = ObjectSidecar.read(resolve(SnapshotLayout.current(project, environment)));
            return sidecar.filter(s -> s.version() != null && s.version() == version).map(ObjectSidecar::etag);
        } catch (IOException e) {
            throw new PublishException("reading the current ETag of " + project + "/" + environment + " failed", e);
        }
    }

    @Override
    public void writeDelta(String project, String environment, long fromVersion, long toVersion, byte[] deltaJson) {
        String key = SnapshotLayout.delta(project, environment, fromVersion, toVersion);
        try (EnvironmentLock ignored = lock(project, environment)) {
            if (!Files.exists(resolve(key))) { // immutable: an existing one already holds this delta
                store(key, ObjectEncoding.gzip(deltaJson), null, null);
            }
        } catch (IOException e) {
            throw new PublishException("writing " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> read(String objectKey) {
        return objects.read(objectKey);
    }

    @Override
    public void writeKillList(String project, String environment, byte[] killListJson) {
        SnapshotPublisher.requireKillList(killListJson);
        try (EnvironmentLock ignored = lock(project, environment)) {
            store(SnapshotLayout.killList(project, environment), ObjectEncoding.gzip(killListJson), null, null);
        } catch (IOException e) {
            throw new PublishException("writing the kill list of " + project + "/" + environment + " failed", e);
        }
    }

    @Override
    public void deleteKillList(String project, String environment) {
        Path file = resolve(SnapshotLayout.killList(project, environment));
        try (EnvironmentLock ignored = lock(project, environment)) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(ObjectSidecar.pathFor(file));
        } catch (IOException e) {
            throw new PublishException("deleting the kill list of " + project + "/" + environment + " failed", e);
        }
    }

    /** The body first, then its sidecar: a reader in between gets the new body with headers derived from its key. */
    private void store(String objectKey, byte[] gzip, Long version, String contentHash) throws IOException {
        Path file = resolve(objectKey);
        AtomicFiles.write(file, gzip);
        new ObjectSidecar(FileSystemSnapshotSource.etagOf(gzip), ObjectHeaders.CONTENT_TYPE,
                ObjectEncoding.CONTENT_ENCODING, ObjectHeaders.cacheControlFor(objectKey), version, contentHash)
                .write(file);
    }

    private static OptionalLong storedVersion(Path object) throws IOException {
        Optional<ObjectSidecar> sidecar = ObjectSidecar.read(object);
        return sidecar.isPresent() && sidecar.get().version() != null
                ? OptionalLong.of(sidecar.get().version()) : OptionalLong.empty();
    }

    private EnvironmentLock lock(String project, String environment) throws IOException {
        return EnvironmentLock.acquire(resolve(SnapshotLayout.prefix(project, environment) + LOCK_FILE));
    }

    private Path resolve(String objectKey) {
        return objects.resolve(objectKey);
    }
}
