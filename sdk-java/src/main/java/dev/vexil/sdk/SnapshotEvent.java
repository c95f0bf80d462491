package dev.vexil.sdk;

import java.util.Set;

/**
 * The data a client serves changed.
 *
 * @param previousVersion the version served before ({@code -1} for the first snapshot)
 * @param version         the version served now
 * @param source          where the snapshot came from
 * @param changedFlags    flags whose results may differ now (added, removed, reconfigured, a segment or
 *                        prerequisite they use changed, killed or restored, gone stale or fresh)
 */
public record SnapshotEvent(long previousVersion, long version, DataSource source, Set<String> changedFlags) {
    public SnapshotEvent {
        changedFlags = Set.copyOf(changedFlags);
    }
}
