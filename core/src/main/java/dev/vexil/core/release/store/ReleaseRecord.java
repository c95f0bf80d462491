package dev.vexil.core.release.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored item of release automation. {@code revision} starts at 1 and grows by one per write (the store's
 * concurrency check). {@code dueAt} is when the scheduler should next act on it (null: nothing due, the item is
 * out of the due index). {@code claimId} and {@code leaseUntil} are set while a scheduler works on it: another
 * scheduler leaves it alone until the lease has passed. {@code body} is the kind's own state, opaque to the store.
 */
public record ReleaseRecord(ReleaseKey key, long revision, Instant dueAt, String claimId, Instant leaseUntil,
                            JsonNode body) {
    public ReleaseRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        if ((claimId == null) != (leaseUntil == null)) {
            throw new IllegalArgumentException("a claim needs both its id and its lease expiry");
        }
    }

    /** A new item (revision 1, unclaimed). */
    public static ReleaseRecord create(ReleaseKey key, Instant dueAt, JsonNode body) {
        return new ReleaseRecord(key, 1, dueAt, null, null, body);
    }

    /** True when a scheduler holds an unexpired claim at {@code now}. */
    public boolean claimedAt(Instant now) {
        return leaseUntil != null && leaseUntil.isAfter(now);
    }

    /** The next state to write: the given due time and body, and no claim. */
    public ReleaseRecord next(Instant newDueAt, JsonNode newBody) {
        return new ReleaseRecord(key, revision, newDueAt, null, null, newBody);
    }

    public ReleaseRecord claimed(String newClaimId, Instant newLeaseUntil) {
        return new ReleaseRecord(key, revision, dueAt, newClaimId, newLeaseUntil, body);
    }
}
