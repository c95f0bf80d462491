package dev.vexil.functions.store.dynamo;

import dev.vexil.core.store.support.ChainStorage;
import dev.vexil.core.store.support.StoredVersion;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The head and history items of the Vexil table (docs/data-model.md): the storage operations that
 * {@link dev.vexil.core.store.support.HeadCommits} builds a change from, and the reads. Every read here is strongly
 * consistent, because write decisions and the compiler depend on it.
 */
public final class VersionItems implements ChainStorage<Chain> {
    private static final Expression IS_NEW =
            Expression.builder().expression("attribute_not_exists(" + VexilTable.PK + ")").build();
    /** What loadEnvironmentState needs of each head: not the diff, comment or principal. */
    private static final List<String> STATE_ATTRIBUTES = List.of(VexilTable.PK, VexilTable.SK, VexilTable.RTYPE,
            VexilTable.RKEY, VexilTable.VERSION, "content", "deleted");

    private final DynamoDbTable<VexilItem> table;

    public VersionItems(DynamoDbTable<VexilItem> table) {
        this.table = table;
    }

    // --- the writes of a change -------------------------------------------------------------------------------

    /**
     * The head item; if there is none, the newest history item: a table written before heads existed and not
     * migrated yet (docs/deploy.md) still reads and writes correctly, resource by resource.
     */
    @Override
    public Optional<StoredVersion> head(Chain chain) {
        VexilItem head = table.getItem(r -> r.consistentRead(true)
                .key(Key.builder().partitionValue(chain.pk()).sortValue(chain.headSk()).build()));
        return head != null ? Optional.of(head.toStoredVersion()) : newestFirst(chain, null, 1).stream().findFirst();
    }

    /**
     * One conditional PutItem of the head: it must not exist yet, or still hold {@code current}'s version. A
     * missing head with a {@code current} is a chain from before heads (see {@link #head}); heads are never
     * deleted, so "absent" cannot mean "moved on by another writer".
     */
    @Override
    public boolean moveHead(Chain chain, StoredVersion current, StoredVersion next) {
        Expression condition = current == null ? IS_NEW : Expression.builder()
                .expression("attribute_not_exists(" + VexilTable.PK + ") OR #v = :current")
                .putExpressionName("#v", VexilTable.VERSION)
                .putExpressionValue(":current", AttributeValue.fromN(Long.toString(current.version())))
                .build();
        return put(VexilItem.ofHead(chain, next), condition);
    }

    @Override
    public void putHistoryIfAbsent(Chain chain, StoredVersion version) {
        put(VexilItem.ofVersion(chain, version), IS_NEW);
    }

    private boolean put(VexilItem item, Expression condition) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(VexilItem.class).item(item)
                    .conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    // --- reads ------------------------------------------------------------------------------------------------

    /** The head if it is not a tombstone. */
    public Optional<StoredVersion> live(Chain chain) {
        return head(chain).filter(StoredVersion::live);
    }

    @Override
    public Optional<StoredVersion> historyEntry(Chain chain, long version) {
        VexilItem item = table.getItem(r -> r.consistentRead(true)
                .key(Key.builder().partitionValue(chain.pk()).sortValue(chain.sk(version)).build()));
        return Optional.ofNullable(item).map(VexilItem::toStoredVersion);
    }

    @Override
    public List<StoredVersion> newestFirst(Chain chain, Long beforeVersion, int limit) {
        QueryConditional range = beforeVersion == null
                ? QueryConditional.sortBeginsWith(key(chain.pk(), chain.keyPrefix()))
                : QueryConditional.sortBetween(key(chain.pk(), chain.keyPrefix()),
                        key(chain.pk(), chain.sk(beforeVersion - 1)));
        Iterator<VexilItem> items = table.query(QueryEnhancedRequest.builder()
                .queryConditional(range).scanIndexForward(false).consistentRead(true).limit(limit).build())
                .items().iterator();
        List<StoredVersion> page = new ArrayList<>();
        while (items.hasNext() && page.size() < limit) {
            page.add(items.next().toStoredVersion());
        }
        return page;
    }

    /** The heads of a range (tombstones included) in key order, after {@code afterKey}; lazy, page by page. */
    public Iterator<StoredVersion> headsAfter(TypeRange range, String afterKey) {
        return headQuery(range, afterKey, null).iterator();
    }

    public List<StoredVersion> heads(TypeRange range) {
        return drain(headQuery(range, null, null).iterator());
    }

    /** As {@link #heads}, reading only the attributes an environment's state needs. */
    public List<StoredVersion> headsForState(TypeRange range) {
        return drain(headQuery(range, null, STATE_ATTRIBUTES).iterator());
    }

    private Iterable<StoredVersion> headQuery(TypeRange versions, String afterKey, List<String> attributes) {
        TypeRange range = versions.heads();
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(key(range.pk(), range.from(afterKey)),
                        key(range.pk(), range.to())))
                .consistentRead(true);
        if (attributes != null) {
            query.attributesToProject(attributes);
        }
        return () -> table.query(query.build()).items().stream().map(VexilItem::toStoredVersion).iterator();
    }

    /**
     * The history items of one audit partition ({@code auditPk}), newest first, with {@code atLeast <= auditSk <
     * below} (either bound may be null): a Query of the eventually consistent audit index.
     */
    public List<StoredVersion> auditNewestFirst(String auditPk, String below, String atLeast, int limit) {
        Key low = atLeast == null ? null : key(auditPk, atLeast);
        Key high = below == null ? null : key(auditPk, below);
        QueryConditional range = low != null && high != null ? QueryConditional.sortBetween(low, high)
                : high != null ? QueryConditional.sortLessThan(high)
                : low != null ? QueryConditional.sortGreaterThanOrEqualTo(low)
                : QueryConditional.keyEqualTo(Key.builder().partitionValue(auditPk).build());
        Iterator<VexilItem> items = table.index(VexilTable.AUDIT_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(range).scanIndexForward(false).limit(limit + 1).build())
                .stream().flatMap(page -> page.items().stream()).iterator();
        List<StoredVersion> page = new ArrayList<>();
        while (items.hasNext() && page.size() < limit) {
            VexilItem item = items.next();
            if (below == null || !below.equals(item.auditSk())) { // BETWEEN includes its upper bound
                page.add(item.toStoredVersion());
            }
        }
        return page;
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    private static List<StoredVersion> drain(Iterator<StoredVersion> iterator) {
        List<StoredVersion> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }

}
