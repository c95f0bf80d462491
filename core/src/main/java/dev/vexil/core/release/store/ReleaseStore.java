package dev.vexil.core.release.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The storage port of release automation (schedules, rollout plans, and any later kind of due work). Two adapters
 * implement it: SQLite (local mode) and DynamoDB (AWS); one contract suite runs against both.
 *
 * <p>Every write is conditional: {@link #create} fails with
 * {@link dev.vexil.core.store.StoreException.AlreadyExists} when the key exists, {@link #replace} with
 * {@link dev.vexil.core.store.StoreException.VersionConflict} unless the stored revision is the expected one.
 * A failed write changes nothing. There are no transactions: each call writes one item.
 *
 * <p>Due items are found without reading every item: {@link #due} reads only items whose {@code dueAt} lies in
 * the window asked for (an index on the due time; on DynamoDB, hour buckets of a sparse index).
 */
public interface ReleaseStore {

    /** Stores a new item at revision 1. */
    ReleaseRecord create(ReleaseRecord record);

    /**
     * Replaces the item stored at {@code expectedRevision} with {@code record}'s due time, claim and body, at
     * revision {@code expectedRevision + 1}; returns what was stored.
     */
    ReleaseRecord replace(ReleaseRecord record, long expectedRevision);

    Optional<ReleaseRecord> get(ReleaseKey key);

    /** A flag's items of one kind, oldest id first. */
    List<ReleaseRecord> list(String project, String environment, String flag, String kind);

    /** Items whose {@code dueAt} is in {@code [from, to]}, earliest first, at most {@code limit}. */
    List<ReleaseRecord> due(Instant from, Instant to, int limit);

    /**
     * Records that {@code key} watches the guard alarm {@code alarm} until {@code until} (a later call for the same
     * pair replaces the time). Pointers are hints: the guard re-reads the item and checks its state.
     */
    void watch(String alarm, ReleaseKey key, Instant until);

    /** The items watching {@code alarm} whose watch ends after {@code at}. */
    List<ReleaseKey> watchers(String alarm, Instant at);
}
