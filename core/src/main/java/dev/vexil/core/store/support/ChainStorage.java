package dev.vexil.core.store.support;

import java.util.List;
import java.util.Optional;

/**
 * The storage operations {@link HeadCommits} builds a change from, implemented by each adapter over its
 * engine. {@code C} is the adapter's way of naming one resource's items.
 */
public interface ChainStorage<C> {

    /** The resource's head (its current version, tombstone or not), read consistently; empty if it never existed. */
    Optional<StoredVersion> head(C chain);

    /**
     * Moves the head to {@code next} if it is still {@code current} (null: no head yet). False if another writer
     * moved it first; nothing is written then.
     */
    boolean moveHead(C chain, StoredVersion current, StoredVersion next);

    /** Stores {@code version} as a history entry unless that version's entry exists already (idempotent). */
    void putHistoryIfAbsent(C chain, StoredVersion version);

    /** The history entry of one version, read consistently. */
    Optional<StoredVersion> historyEntry(C chain, long version);

    /** Up to {@code limit} history entries, newest first, below {@code beforeVersion} (null: from the newest). */
    List<StoredVersion> newestFirst(C chain, Long beforeVersion, int limit);
}
