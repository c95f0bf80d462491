package dev.vexil.core.insights;

import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.SnapshotSource;
import dev.vexil.core.publish.StoredObject;
import dev.vexil.model.Flag;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.ObjectEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flag keys of an environment's current published snapshot, read through {@link SnapshotSource} (what the
 * SDKs evaluate), decoded once per ETag: every summary of a fleet asks, and the snapshot changes rarely.
 */
public final class SnapshotFlagKeys implements KnownFlags {
    private record Cached(String etag, Set<String> keys) {
    }

    private final SnapshotSource source;
    private final Map<EnvironmentId, Cached> cache = new ConcurrentHashMap<>();

    public SnapshotFlagKeys(SnapshotSource source) {
        this.source = source;
    }

    /** No snapshot published yet: no flags. */
    @Override
    public Set<String> of(EnvironmentId environment) {
        Optional<StoredObject> current = source.read(SnapshotLayout.current(environment.project(),
                environment.environment()));
        if (current.isEmpty()) {
            return Set.of();
        }
        StoredObject object = current.get();
        Cached cached = cache.get(environment);
        if (cached != null && cached.etag().equals(object.etag())) {
            return cached.keys();
        }
        Snapshot snapshot;
        try {
            snapshot = SnapshotCodec.read(ObjectEncoding.isGzip(object.body())
                    ? ObjectEncoding.gunzip(object.body()) : object.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the current snapshot of " + environment, e);
        } catch (SnapshotFormatException e) {
            throw new IllegalStateException("the current snapshot of " + environment + " is corrupt: "
                    + e.getMessage(), e);
        }
        Set<String> keys = new HashSet<>();
        for (Flag f : snapshot.flags()) {
            keys.add(f.key());
        }
        Set<String> frozen = Set.copyOf(keys);
        cache.put(environment, new Cached(object.etag(), frozen));
        return frozen;
    }
}
