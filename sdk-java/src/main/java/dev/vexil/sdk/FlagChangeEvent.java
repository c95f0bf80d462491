package dev.vexil.sdk;

/**
 * A change to one flag. The versions are those of the snapshots before and after ({@code -1} when there was none);
 * they are equal when only the kill list or staleness changed.
 *
 * @param flagKey                 the flag whose results may differ now
 * @param previousSnapshotVersion the version served before, {@code -1} for the first snapshot
 * @param snapshotVersion         the version served now
 */
public record FlagChangeEvent(String flagKey, long previousSnapshotVersion, long snapshotVersion) {
}
