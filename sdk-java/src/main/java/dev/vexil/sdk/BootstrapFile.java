package dev.vexil.sdk;

import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.wire.KillList;
import dev.vexil.wire.ObjectEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot shipped with the application (e.g. {@code current.json} saved from the edge), plain or gzipped. It is
 * verified like any other snapshot. Its data age counts from the snapshot's {@code generatedAt} (else the file's
 * modification time): an old bootstrap file is old data, and fail-closed flags treat it so.
 */
final class BootstrapFile {
    private static final System.Logger LOG = System.getLogger(BootstrapFile.class.getName());

    private BootstrapFile() {
    }

    static Optional<LoadedData> load(Path file, SnapshotReader reader) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (ObjectEncoding.isGzip(bytes)) {
                bytes = ObjectEncoding.gunzip(bytes);
            }
            Snapshot snapshot = reader.read(bytes);
            Instant generatedAt = SnapshotCache.parseInstant(snapshot.generatedAt());
            Instant asOf = generatedAt != null ? generatedAt : SnapshotCache.modifiedAt(file);
            return Optional.of(new LoadedData(snapshot, DataSource.BOOTSTRAP, asOf, null, KillList.NONE, null));
        } catch (IOException | SnapshotFormatException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Vexil: cannot use the bootstrap file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
