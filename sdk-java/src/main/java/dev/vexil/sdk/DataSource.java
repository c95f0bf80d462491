package dev.vexil.sdk;

/** Where the snapshot a client serves came from. */
public enum DataSource {
    /** Nothing loaded yet. */
    NONE,
    /** Fetched from the edge. */
    EDGE,
    /** The last-known-good copy in {@code cacheDirectory}, loaded because the edge could not be reached. */
    CACHE,
    /** The {@code bootstrap} file, loaded because neither the edge nor a cache was available. */
    BOOTSTRAP
}
