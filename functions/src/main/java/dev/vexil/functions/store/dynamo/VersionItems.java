package dev.vexil.functions.store.dynamo;

import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.support.ItemLimits;
import dev.vexil.core.store.support.StoredVersion;
import dev.vexil.core.store.support.VersionRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Reads and writes version chains in the Vexil table. A write is one PutItem of version n+1 conditioned on
 * {@code attribute_not_exists(pk)} for its own key: the change, its history entry and the concurrency check.
 * Every read here is strongly consistent, because write decisions and the compiler depend on it.
 */
public final class VersionItems {
    private static final int MAX_ATTEMPTS = 5;
    private static final Expression VERSION_IS_NEW =
            Expression.builder().expression("attribute_not_exists(" + VexilTable.PK + ")").build();
    /** What loadEnvironmentState needs of each version item: not the diff, comment or principal. */
    private static final List<String> STATE_ATTRIBUTES = List.of(VexilTable.PK, VexilTable.SK, VexilTable.RTYPE,
            VexilTable.RKEY, VexilTable.VERSION, "content", "deleted");

    private final DynamoDbTable<VexilItem> table;

    public VersionItems(DynamoDbTable<VexilItem> table) {
        this.table = table;
    }

    /** The result of a delete: the live version it replaced and the tombstone it wrote. */
    public record Deletion(StoredVersion previous, StoredVersion tombstone) {
    }

    /**
     * Writes the next version of {@code chain} with {@code contentJson}, following the expectedVersion rules of
     * the port. {@code checkParents} throws NotFound for a missing project or environment; it runs only when the
     * resource is not live yet (parents are never deleted, so a live resource's parents exist).
     */
    public StoredVersion write(Chain chain, long expectedVersion, String contentJson, ChangeMeta meta,
                               Runnable checkParents) {
        long current = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredVersion latest = latest(chain).orElse(null);
            current = latest == null ? 0 : latest.version();
            if (attempt == 0 && !VersionRules.isLive(latest)) {
                checkParents.run(); // only a create needs it: a live resource's parents existed, and stay
            }
            long next = VersionRules.nextVersion(chain.label(), latest, expectedVersion);
            StoredVersion version = newVersion(chain, next, meta, ItemLimits.checkContent(chain.label(), contentJson),
                    false);
            if (put(chain, version)) {
                return version;
            }
            // Lost the race for version `next`: read again; the rules then name the conflict.
        }
        throw VersionRules.tooMuchContention(chain.label(), current);
    }

    /** Writes a tombstone as the next version; the resource must be live at exactly {@code expectedVersion}. */
    public Deletion delete(Chain chain, long expectedVersion, ChangeMeta meta) {
        long current = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredVersion latest = latest(chain).orElse(null);
            current = latest == null ? 0 : latest.version();
            long next = VersionRules.nextVersionForDelete(chain.label(), latest, expectedVersion);
            StoredVersion tombstone = newVersion(chain, next, meta, null, true);
            if (put(chain, tombstone)) {
                return new Deletion(latest, tombstone);
            }
        }
        throw VersionRules.tooMuchContention(chain.label(), current);
    }

    private static StoredVersion newVersion(Chain chain, long version, ChangeMeta meta, String contentJson,
                                            boolean deleted) {
        Instant at = meta.at() == null ? Instant.now() : meta.at();
        return StoredVersion.of(chain.type(), chain.key(), version, at, meta, contentJson, deleted);
    }

    private boolean put(Chain chain, StoredVersion version) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(VexilItem.class)
                    .item(VexilItem.ofVersion(chain, version))
                    .conditionExpression(VERSION_IS_NEW)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The newest version, tombstone or not. */
    public Optional<StoredVersion> latest(Chain chain) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(chain.pk()).sortValue(chain.keyPrefix()).build()))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true)
                        .build())
                .items().stream().findFirst().map(VexilItem::toStoredVersion);
    }

    /** The newest version if it is not a tombstone. */
    public Optional<StoredVersion> live(Chain chain) {
        return latest(chain).filter(StoredVersion::live);
    }

    public Optional<StoredVersion> version(Chain chain, long version) {
        VexilItem item = table.getItem(r -> r.consistentRead(true)
                .key(Key.builder().partitionValue(chain.pk()).sortValue(chain.sk(version)).build()));
        return Optional.ofNullable(item).map(VexilItem::toStoredVersion);
    }

    /** Every version, newest first. */
    public List<StoredVersion> newestFirst(Chain chain) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(chain.pk()).sortValue(chain.keyPrefix()).build()))
                        .scanIndexForward(false)
                        .consistentRead(true)
                        .build())
                .items().stream().map(VexilItem::toStoredVersion).toList();
    }

    /**
     * The newest version of each key in the range (tombstones included), in key order, after {@code afterKey}.
     * Lazy: pages are fetched only as far as the caller iterates.
     */
    public Iterator<StoredVersion> newestPerKey(TypeRange range, String afterKey) {
        return new LatestPerKey(range(range, afterKey, null).iterator());
    }

    public List<StoredVersion> newestOfEach(TypeRange range) {
        return drain(new LatestPerKey(range(range, null, null).iterator()));
    }

    /** As {@link #newestOfEach}, reading only the attributes an environment's state needs. */
    public List<StoredVersion> newestOfEachForState(TypeRange range) {
        return drain(new LatestPerKey(range(range, null, STATE_ATTRIBUTES).iterator()));
    }

    private Iterable<StoredVersion> range(TypeRange range, String afterKey, List<String> attributes) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(
                        Key.builder().partitionValue(range.pk()).sortValue(range.from(afterKey)).build(),
                        Key.builder().partitionValue(range.pk()).sortValue(range.to()).build()))
                .consistentRead(true);
        if (attributes != null) {
            query.attributesToProject(attributes);
        }
        return () -> table.query(query.build()).items().stream().map(VexilItem::toStoredVersion).iterator();
    }

    private static List<StoredVersion> drain(Iterator<StoredVersion> iterator) {
        List<StoredVersion> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
