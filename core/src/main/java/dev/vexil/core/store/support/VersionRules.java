package dev.vexil.core.store.support;

import dev.vexil.core.store.StoreException;

/**
 * The expectedVersion rules of {@link dev.vexil.core.store.FlagRepository}, shared by both adapters: which
 * version a write creates, or which failure it gets, given the resource's newest stored version.
 */
public final class VersionRules {
    private VersionRules() {
    }

    public static boolean isLive(StoredVersion latest) {
        return latest != null && latest.live();
    }

    /**
     * For a create ({@code expected == 0}) or an update ({@code expected > 0}). A create over a tombstone continues
     * the chain. {@code latest} is null when the resource never existed; {@code what} names it in messages.
     */
    public static long nextVersion(String what, StoredVersion latest, long expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expectedVersion must be 0 (create) or a version, not " + expected);
        }
        boolean live = isLive(latest);
        if (expected == 0) {
            if (live) {
                throw new StoreException.AlreadyExists(what + " already exists (version " + latest.version() + ")");
            }
            return latest == null ? 1 : latest.version() + 1;
        }
        return nextVersionOfLive(what, latest, expected);
    }

    /** For a delete: the resource must be live at exactly {@code expected}. */
    public static long nextVersionForDelete(String what, StoredVersion latest, long expected) {
        return nextVersionOfLive(what, latest, expected);
    }

    private static long nextVersionOfLive(String what, StoredVersion latest, long expected) {
        if (!isLive(latest)) {
            throw new StoreException.NotFound(what + " does not exist");
        }
        if (latest.version() != expected) {
            throw new StoreException.VersionConflict(
                    what + " is at version " + latest.version() + ", not " + expected, latest.version());
        }
        return expected + 1;
    }

    /** After {@code attempts} lost races in a row: report the conflict rather than spin. */
    public static StoreException.VersionConflict tooMuchContention(String what, long currentVersion) {
        return new StoreException.VersionConflict(what + " is being changed concurrently; retry", currentVersion);
    }
}
