package dev.vexil.core.admin.service;

import dev.vexil.core.store.Versioned;
import java.util.Optional;
import java.util.Set;

/**
 * The conditional-request headers of a write, reduced to what the services need: the versions named by
 * {@code If-Match} ({@code anyVersion} for {@code If-Match: *}) and whether {@code If-None-Match: *} was sent.
 * {@link #expectedVersion} turns them into the repository's {@code expectedVersion} (0 = create).
 */
public record WritePrecondition(Set<Long> ifMatch, boolean anyVersion, boolean ifNoneMatchAny) {
    public static final WritePrecondition NONE = new WritePrecondition(Set.of(), false, false);

    public WritePrecondition {
        ifMatch = Set.copyOf(ifMatch);
    }

    public boolean hasIfMatch() {
        return anyVersion || !ifMatch.isEmpty();
    }

    /**
     * For a create-or-update: absent resource → create (an {@code If-Match} then fails with 412);
     * existing resource → {@code If-Match} is required (428) and must name the current version (412);
     * {@code If-None-Match: *} over an existing resource is a create over an existing key (409).
     */
    public long expectedVersion(Optional<? extends Versioned<?>> current, String what) {
        if (current.isEmpty()) {
            if (hasIfMatch()) {
                throw new AdminException(AdminException.Kind.PRECONDITION_FAILED,
                        what + " does not exist, so If-Match cannot match; send no If-Match to create it");
            }
            return 0;
        }
        long version = current.get().version();
        if (ifNoneMatchAny) {
            throw AdminException.conflict(what + " already exists (version " + version + ")");
        }
        if (!hasIfMatch()) {
            throw new AdminException(AdminException.Kind.PRECONDITION_REQUIRED,
                    what + " exists: send If-Match: \"" + version + "\" (its current ETag) to update it");
        }
        return checked(version, what);
    }

    /** For an update of something that must exist: If-Match required. */
    public long expectedVersionOfExisting(Versioned<?> current, String what) {
        if (!hasIfMatch()) {
            throw new AdminException(AdminException.Kind.PRECONDITION_REQUIRED,
                    "updating " + what + " requires If-Match: \"" + current.version() + "\" (its current ETag)");
        }
        return checked(current.version(), what);
    }

    /** For actions (kill, rollback) where If-Match is optional: checked when given, else the current version. */
    public long expectedVersionIfGiven(long currentVersion, String what) {
        return hasIfMatch() ? checked(currentVersion, what) : currentVersion;
    }

    private long checked(long currentVersion, String what) {
        if (anyVersion || ifMatch.contains(currentVersion)) {
            return currentVersion;
        }
        throw AdminException.stale(what + " is at version " + currentVersion + ", not " + ifMatch
                + ": re-read it and retry", currentVersion);
    }
}
