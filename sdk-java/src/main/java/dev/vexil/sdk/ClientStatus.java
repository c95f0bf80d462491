package dev.vexil.sdk;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A point-in-time view of a client's health, from {@link VexilClient#status()}.
 *
 * @param initialized         a snapshot (from the edge, the cache or the bootstrap file) is loaded
 * @param source              where the served snapshot came from
 * @param snapshotVersion     the served snapshot's version, {@code -1} when none
 * @param lastConfirmedAt     when the edge last confirmed the data (a 200 or a 304); for cached or bootstrapped
 *                            data, the confirmation recorded with it; null when unknown
 * @param dataAge             time since {@code lastConfirmedAt} (the age the staleness policy uses); null when unknown
 * @param lastError           the most recent problem (fetch failure, refused snapshot, ...), kept after recovery;
 *                            null if none happened
 * @param lastErrorAt         when {@code lastError} happened
 * @param consecutiveFailures poll cycles in a row that did not confirm the data; 0 after a success
 * @param keyRefused          the edge's last answer was 401 or 403 (the key is missing, unknown or revoked, or the
 *                            edge cannot tell): the client keeps serving what it has and retries the key at most
 *                            every 5 minutes (or every poll interval, if longer); false again once the key works
 * @param polling             a poller is running (false when offline or closed)
 * @param killedFlags         flags forced off by the kill list
 * @param staleFlags          flags serving their off variation because the data is older than their
 *                            {@code staleness.maxAgeSeconds} and they fail closed
 * @param pushConnected       the push channel is subscribed (false when push is off, connecting or down; polling
 *                            goes on either way)
 */
public record ClientStatus(
        boolean initialized,
        DataSource source,
        long snapshotVersion,
        Instant lastConfirmedAt,
        Duration dataAge,
        String lastError,
        Instant lastErrorAt,
        int consecutiveFailures,
        boolean keyRefused,
        boolean polling,
        Set<String> killedFlags,
        Set<String> staleFlags,
        boolean pushConnected) {

    /**
     * The status of a client serving {@code served} (null: nothing yet), whose data the edge last confirmed at
     * {@code confirmedAt}, with its data source reporting {@code source}.
     */
    static ClientStatus of(EnvironmentHolder served, Instant confirmedAt, Instant now, SourceStatus source,
                           boolean closed, boolean pushConnected) {
        boolean initialized = served != null;
        return new ClientStatus(
                initialized,
                initialized ? served.source : DataSource.NONE,
                initialized ? served.version : -1,
                initialized ? confirmedAt : null,
                !initialized || confirmedAt == null ? null : Duration.between(confirmedAt, now),
                source.lastError(),
                source.lastErrorAt(),
                source.consecutiveFailures(),
                source.keyRefused(),
                source.running() && !closed,
                initialized ? served.killed : Set.of(),
                initialized ? served.stale : Set.of(),
                pushConnected && !closed);
    }
}
