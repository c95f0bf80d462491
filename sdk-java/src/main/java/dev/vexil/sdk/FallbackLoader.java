package dev.vexil.sdk;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Start-up fallback, for when the edge brought nothing (or, offline, instead of the edge): the last-known-good
 * cache, else the bootstrap file, each verified before use. What it finds is served through the store, unless the
 * edge delivered a snapshot meanwhile; problems go to the status of whoever asked.
 */
final class FallbackLoader {
    private static final System.Logger LOG = System.getLogger(VexilClient.class.getName());

    private final SnapshotCache cache; // null without cacheDirectory
    private final Path bootstrap; // null without a bootstrap file
    private final EnvironmentStore store;
    private final boolean offline;
    private final SnapshotReader reader;

    FallbackLoader(SnapshotCache cache, Path bootstrap, EnvironmentStore store, boolean offline,
                   SnapshotReader reader) {
        this.reader = reader;
        this.cache = cache;
        this.bootstrap = bootstrap;
        this.store = store;
        this.offline = offline;
    }

    /** Serves the cache, else the bootstrap file; returns what it served (with the ETags recorded beside it). */
    Optional<LoadedData> serve(SourceStatus status) {
        Optional<LoadedData> loaded = cache == null ? Optional.empty() : cache.load();
        if (loaded.isEmpty() && bootstrap != null) {
            loaded = BootstrapFile.load(bootstrap, reader);
            if (loaded.isEmpty()) {
                status.problem("the bootstrap file " + bootstrap + " is missing or invalid");
            }
        }
        if (loaded.isEmpty() || !store.loadFallback(loaded.get())) {
            return Optional.empty();
        }
        LoadedData data = loaded.get();
        LOG.log(System.Logger.Level.WARNING, "Vexil: serving snapshot version " + data.snapshot().version()
                + " from the " + data.source().name().toLowerCase()
                + (offline ? " (offline mode)" : " because the edge could not be used"));
        return loaded;
    }
}
