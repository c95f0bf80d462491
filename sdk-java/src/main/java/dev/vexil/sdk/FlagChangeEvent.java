package dev.vexil.sdk;

/**
 * A change to one flag. The versions are those of the snapshots before and after ({@code -1} when there was none);
 * they are equal when only the kill list or staleness changed.
 */
public record FlagChangeEvent(String flagKey, long previousSnapshotVersion, long snapshotVersion) {
}
