package dev.vexil.core.release;

import java.time.Instant;

/**
 * What a guard did: the alarm that fired, the flag it restored, the schedule or plan it undid ({@code kind},
 * {@code id}), the flag version the restore wrote, and when.
 */
public record GuardRestore(String alarm, FlagRef flag, String kind, String id, long restoredVersion,
                           Instant at) {
    /** One line for people (the notification's subject and log line). */
    public String summary() {
        return "guard alarm " + alarm + " restored " + flag + " (" + kind + " " + id + ") as version "
                + restoredVersion;
    }
}
