package dev.vexil.core.review;

import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Versioned;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The storage port of change requests (docs/change-requests.md). Two adapters implement it, over the same table or
 * file as their {@code FlagRepository}: DynamoDB (AWS) and SQLite (local mode); one contract suite
 * ({@code ChangeRequestStoreContract}) runs against both.
 *
 * <p>A request is a versioned resource of its environment, kept like flag configurations: a head and one history
 * entry per version, and every version is an entry of the environment's audit log (resource type
 * {@code CHANGE_REQUEST}). So every state change is one conditional write, audited exactly once.
 * {@code expectedVersion}: 0 creates (AlreadyExists if the id is taken), n updates version n (VersionConflict
 * otherwise); NotFound if the environment does not exist.
 *
 * <p>The apply lease serialises applies within one environment: at most one holder at a time, until it releases
 * the lease or its time runs out (a crashed applier never blocks the environment for longer).
 */
public interface ChangeRequestStore {

    Versioned<ChangeRequest> putChangeRequest(String projectKey, String environmentKey, ChangeRequest request,
                                              long expectedVersion, ChangeMeta meta);

    Optional<Versioned<ChangeRequest>> getChangeRequest(String projectKey, String environmentKey, String id);

    /** Every request of the environment, by id (ids sort by creation time). */
    List<Versioned<ChangeRequest>> listChangeRequests(String projectKey, String environmentKey);

    /**
     * Takes the environment's apply lease for {@code holder} until {@code until} if nobody holds it, or its holder's
     * time ended before {@code now}, or {@code holder} holds it already. One conditional write; false if another
     * holder has it.
     */
    boolean acquireApplyLease(String projectKey, String environmentKey, String holder, Instant now, Instant until);

    /** Gives the lease back if {@code holder} still holds it; otherwise does nothing. */
    void releaseApplyLease(String projectKey, String environmentKey, String holder);
}
