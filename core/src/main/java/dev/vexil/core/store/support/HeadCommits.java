package dev.vexil.core.store.support;

import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import java.time.Instant;
import java.util.Optional;

/**
 * How both adapters make a change without transactions (docs/data-model.md, "Writes"). Each resource has one
 * head (its current version, with that version's content and change metadata) and one history entry per version.
 * A change is: make sure the current head's history entry exists (repairing a crash of the previous writer),
 * move the head from version n to n+1 conditionally (the commit point and the concurrency check), then store the
 * history entry of n+1. If the process dies after the head moved, the head still holds everything of n+1, and the
 * next writer, history read or compile writes the missing entry, so there is exactly one entry per version and
 * no gap.
 */
public final class HeadCommits<C extends ResourceChain> {
    private static final int MAX_ATTEMPTS = 5;

    private final ChainStorage<C> storage;
    private final WriteFaults faults;

    public HeadCommits(ChainStorage<C> storage, WriteFaults faults) {
        this.storage = storage;
        this.faults = faults;
    }

    /** A committed change: the head it replaced (null if none) and the new version. */
    public record Written(StoredVersion previous, StoredVersion version) {
    }

    /**
     * Writes the next version with {@code contentJson} under the port's expectedVersion rules. {@code checkParents}
     * throws NotFound for a missing parent; it runs only when the resource is not live yet (parents are never
     * deleted, so a live resource's parents exist).
     */
    public Written write(C chain, long expectedVersion, String contentJson, ChangeMeta meta, Runnable checkParents) {
        return commit(chain, expectedVersion, ItemLimits.checkContent(chain.label(), contentJson), false, meta,
                checkParents);
    }

    /** Writes a tombstone as the next version; the resource must be live at exactly {@code expectedVersion}. */
    public Written delete(C chain, long expectedVersion, ChangeMeta meta) {
        return commit(chain, expectedVersion, null, true, meta, () -> { });
    }

    private Written commit(C chain, long expectedVersion, String contentJson, boolean delete,
                           ChangeMeta meta, Runnable checkParents) {
        String label = chain.label();
        long current = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredVersion head = storage.head(chain).orElse(null);
            current = head == null ? 0 : head.version();
            if (attempt == 0 && !VersionRules.isLive(head)) {
                checkParents.run();
            }
            long next = delete
                    ? VersionRules.nextVersionForDelete(label, head, expectedVersion)
                    : VersionRules.nextVersion(label, head, expectedVersion);
            if (head != null) {
                storage.putHistoryIfAbsent(chain, head); // never move on from a version without its entry
                faults.afterWrite(WriteFaults.Step.PREVIOUS_HISTORY);
            }
            StoredVersion version = newVersion(chain, next, meta, contentJson, delete);
            if (storage.moveHead(chain, head, version)) {
                faults.afterWrite(WriteFaults.Step.HEAD);
                storage.putHistoryIfAbsent(chain, version);
                faults.afterWrite(WriteFaults.Step.HISTORY);
                return new Written(head, version);
            }
            // Lost the race for the head: read again; the rules then name the conflict.
        }
        throw VersionRules.tooMuchContention(label, current);
    }

    /** The head, with its history entry made sure of: what every history read starts from. */
    public Optional<StoredVersion> repairedHead(C chain) {
        Optional<StoredVersion> head = storage.head(chain);
        head.ifPresent(h -> storage.putHistoryIfAbsent(chain, h));
        return head;
    }

    /**
     * Writes the head's history entry only if it is missing, after reading to find out: a reader that may not write
     * (the compiler's role on AWS) writes nothing in the normal case. True if it wrote the entry.
     */
    public boolean repairIfMissing(C chain) {
        Optional<StoredVersion> head = storage.head(chain);
        if (head.isEmpty() || storage.historyEntry(chain, head.get().version()).isPresent()) {
            return false;
        }
        storage.putHistoryIfAbsent(chain, head.get());
        return true;
    }

    /** One page of history, newest first; read from the head, so an entry a crashed writer left out is written first. */
    public <T> Page<HistoryEntry<T>> history(C chain, Class<T> type, String cursor, int limit) {
        Cursors.checkLimit(limit);
        repairedHead(chain);
        return HistoryPages.page((before, n) -> storage.newestFirst(chain, before, n), type, cursor, limit);
    }

    /** The history entry of one version; the head's own version is repaired if a crashed writer left it out. */
    public Optional<StoredVersion> historyEntry(C chain, long version) {
        Optional<StoredVersion> stored = storage.historyEntry(chain, version);
        return stored.isPresent() ? stored : repairedHead(chain).filter(head -> head.version() == version);
    }

    private static StoredVersion newVersion(ResourceChain chain, long version, ChangeMeta meta, String contentJson,
                                            boolean deleted) {
        Instant at = meta.at() == null ? Instant.now() : meta.at();
        return StoredVersion.of(chain.type(), chain.key(), version, at, meta, contentJson, deleted);
    }
}
