package dev.vexil.sdk;

/**
 * Told each time the data a client serves changes: a new snapshot, a kill-list change, or flags going stale or
 * fresh. Called on the client's listener thread, never on the poller thread; keep it short.
 */
@FunctionalInterface
public interface SnapshotListener {
    /** Called once per change of the served data, in the order the changes happened. */
    void onSnapshot(SnapshotEvent event);
}
