package dev.vexil.core.store.support;

import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.core.store.Versioned;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Cuts one page out of an audit log that an adapter keeps in several sources, each already ordered newest first
 * (an index partition, a table range, the SDK keys of an environment): merges them lazily by position, applies the
 * query's filters <em>before</em> counting the page, and names the last returned position in the cursor. Each
 * source is read in batches only as far as the page needs.
 */
public final class AuditLogs {
    /** One source of entries, newest first: up to {@code limit} entries with {@code atLeast <= position < below}. */
    @FunctionalInterface
    public interface Source {
        List<AuditEntry> newestFirst(String below, String atLeast, int limit);
    }

    /** Where an adapter keeps the entries of the logs. */
    public interface Store {
        /** The history entries kept with the environment ({@code environment} null: with the project), newest first. */
        Source history(String environment);

        /** The entries of the environment's SDK keys, in any order. */
        List<AuditEntry> sdkKeyEntries(String environment);
    }

    private AuditLogs() {
    }

    /**
     * One page of the log {@code query} names, from the sources of {@code store} that can hold its entries;
     * {@code repository} lists the project's environments.
     */
    public static Page<AuditEntry> page(AuditQuery query, FlagRepository repository, Store store, String cursor,
                                        int limit) {
        List<Source> sources = new ArrayList<>();
        if (query.projectLog()) {
            if (query.wants(ResourceType.PROJECT) || query.wants(ResourceType.ENVIRONMENT)
                    || query.wants(ResourceType.FLAG_DEFINITION)) {
                sources.add(store.history(null));
            }
            for (Versioned<Environment> environment : repository.listEnvironments(query.project())) {
                addEnvironment(query, store, environment.value().key(), sources);
            }
        } else {
            addEnvironment(query, store, query.environment(), sources);
        }
        return page(query, sources, cursor, limit);
    }

    private static void addEnvironment(AuditQuery query, Store store, String environment, List<Source> sources) {
        if (query.wants(ResourceType.FLAG_CONFIG) || query.wants(ResourceType.SEGMENT)
                || query.wants(ResourceType.CHANGE_REQUEST) || query.wants(ResourceType.SCHEDULE)) {
            sources.add(store.history(environment));
        }
        if (query.wants(ResourceType.SDK_KEY)) {
            sources.add(inMemory(store.sdkKeyEntries(environment)));
        }
    }

    static Page<AuditEntry> page(AuditQuery query, List<Source> sources, String cursor, int limit) {
        Cursors.checkLimit(limit);
        String below = AuditPositions.below(query, cursor);
        if (query.to() != null) {
            String end = AuditPositions.time(query.to());
            below = below == null || end.compareTo(below) < 0 ? end : below;
        }
        String atLeast = query.from() == null ? null : AuditPositions.time(query.from());
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::position).reversed());
        for (Source source : sources) {
            Batches batches = new Batches(source, below, atLeast, limit + 1);
            if (batches.hasNext()) {
                heads.add(new Head(batches.next(), batches));
            }
        }
        List<AuditEntry> page = new ArrayList<>();
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            if (head.batches().hasNext()) {
                heads.add(new Head(head.batches().next(), head.batches()));
            }
            if (!query.matches(head.entry())) {
                continue;
            }
            if (page.size() == limit) {
                return new Page<>(List.copyOf(page), AuditPositions.cursor(query, AuditPositions.of(page.getLast())));
            }
            page.add(head.entry());
        }
        return new Page<>(List.copyOf(page), null);
    }

    /** An SDK key's entries: its creation, and its revocation once revoked (by {@code revokedBy}). */
    public static List<AuditEntry> sdkKeyEntries(SdkKeyRecord key, String revokedBy) {
        AuditEntry created = new AuditEntry(ResourceType.SDK_KEY, key.id(), key.environment(), 1, key.createdAt(),
                key.createdBy(), "create", null, null);
        return key.revokedAt() == null ? List.of(created) : List.of(created, new AuditEntry(ResourceType.SDK_KEY,
                key.id(), key.environment(), 2, key.revokedAt(), revokedBy, "revoke", null, null));
    }

    /** A source over entries held in memory (an environment's SDK keys: few), in any order. */
    public static Source inMemory(List<AuditEntry> entries) {
        List<AuditEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((AuditEntry e) -> AuditPositions.of(e)).reversed());
        return (below, atLeast, limit) -> sorted.stream()
                .filter(e -> below == null || AuditPositions.of(e).compareTo(below) < 0)
                .filter(e -> atLeast == null || AuditPositions.of(e).compareTo(atLeast) >= 0)
                .limit(limit).toList();
    }

    private record Head(AuditEntry entry, Batches batches) {
        String position() {
            return AuditPositions.of(entry);
        }
    }

    /** A source read lazily, one batch after another, each continuing below the last position seen. */
    private static final class Batches implements Iterator<AuditEntry> {
        private final Source source;
        private final String atLeast;
        private final int batchSize;
        private String below;
        private Iterator<AuditEntry> batch = List.<AuditEntry>of().iterator();
        private boolean exhausted;

        Batches(Source source, String below, String atLeast, int batchSize) {
            this.source = source;
            this.below = below;
            this.atLeast = atLeast;
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNext() {
            if (!batch.hasNext() && !exhausted) {
                List<AuditEntry> next = source.newestFirst(below, atLeast, batchSize);
                exhausted = next.size() < batchSize;
                batch = next.iterator();
            }
            return batch.hasNext();
        }

        @Override
        public AuditEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            AuditEntry entry = batch.next();
            below = AuditPositions.of(entry);
            return entry;
        }
    }
}
