package dev.vexil.core.release;

import dev.vexil.core.store.ChangeMeta;

/**
 * Where a schedule's creation and cancellation are audited: the versions of a resource of type
 * {@link dev.vexil.core.store.ResourceType#SCHEDULE}, key {@code <flag>/<schedule id>}, in the environment's audit
 * log (docs/release-automation.md, "History"). Both adapters of the flag repository implement it, in the table or
 * file of record, so the audit log pages and filters these entries with every other change.
 */
public interface ScheduleHistory {
    /** The schedule's newest audited version; 0 if none. */
    long scheduleVersion(String project, String environment, String key);

    /**
     * Writes version {@code version} (conditionally on {@code version - 1} being the newest: a repeat fails with
     * {@link dev.vexil.core.store.StoreException.VersionConflict} or
     * {@link dev.vexil.core.store.StoreException.AlreadyExists} and writes nothing).
     */
    void putScheduleVersion(String project, String environment, String key, long version, String contentJson,
                            ChangeMeta meta);
}
