package dev.vexil.functions.store.migrate;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.AuditPositions;
import dev.vexil.functions.store.dynamo.Chain;
import dev.vexil.functions.store.dynamo.ItemKeys;
import dev.vexil.functions.store.dynamo.VexilTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The one-time migration of a table written by the version-chain layout (before heads and the audit index,
 * docs/deploy.md): for every history item it (1) adds the audit index keys {@code auditPk}/{@code auditSk} if
 * missing, and (2) puts the resource's head from it unless a head of that version or newer exists. Both writes are
 * conditional and carry only what the item itself says, so the migration is idempotent, may run while the new code
 * serves traffic, and may stop anywhere: a run resumes after the last key it reported, or starts again from the
 * beginning with the same result.
 */
public final class VersionChainMigration {
    /** What one run did. {@code resumeFrom} is null when the scan reached the end of the table. */
    public record Result(long itemsScanned, long historyItems, long headsWritten, long auditKeysAdded,
                         Map<String, AttributeValue> resumeFrom) {
    }

    private final DynamoDbClient client;
    private final String table;
    private final int pageItems;

    public VersionChainMigration(DynamoDbClient client, String table) {
        this(client, table, 500);
    }

    /** {@code pageItems}: items per Scan page, so that checkpoints come often enough to resume cheaply. */
    public VersionChainMigration(DynamoDbClient client, String table, int pageItems) {
        this.client = client;
        this.table = table;
        this.pageItems = pageItems;
    }

    /**
     * Scans from {@code startKey} (null: the beginning) for at most {@code maxPages} pages (a Lambda's time
     * budget; {@link Integer#MAX_VALUE} for all), reporting each page's last key to {@code checkpoint}.
     */
    public Result run(Map<String, AttributeValue> startKey, int maxPages, Consumer<Map<String, AttributeValue>> checkpoint) {
        long scanned = 0;
        long history = 0;
        long heads = 0;
        long auditKeys = 0;
        Map<String, AttributeValue> next = startKey;
        for (int page = 0; page < maxPages; page++) {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table).consistentRead(true).limit(pageItems);
            if (next != null && !next.isEmpty()) {
                scan.exclusiveStartKey(next);
            }
            ScanResponse response = client.scan(scan.build());
            for (Map<String, AttributeValue> item : response.items()) {
                scanned++;
                if (!isHistoryItem(item)) {
                    continue;
                }
                history++;
                if (!item.containsKey(VexilTable.AUDIT_INDEX_PK) && addAuditKeys(item)) {
                    auditKeys++;
                }
                if (putHeadIfNewer(item)) {
                    heads++;
                }
            }
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            checkpoint.accept(next);
            if (next == null) {
                break;
            }
        }
        return new Result(scanned, history, heads, auditKeys, next);
    }

    /** A version item of a chain: the plain attributes, a versioned type, and not a head. */
    static boolean isHistoryItem(Map<String, AttributeValue> item) {
        AttributeValue rtype = item.get(VexilTable.RTYPE);
        String sk = item.get(VexilTable.SK).s();
        return rtype != null && rtype.s() != null && !ResourceType.SDK_KEY.name().equals(rtype.s())
                && item.containsKey(VexilTable.VERSION) && item.containsKey("at") && !sk.startsWith("HEAD#");
    }

    private boolean addAuditKeys(Map<String, AttributeValue> item) {
        try {
            client.updateItem(b -> b.tableName(table).key(key(item, item.get(VexilTable.SK)))
                    .updateExpression("SET #apk = :apk, #ask = :ask")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#apk", VexilTable.AUDIT_INDEX_PK,
                            "#ask", VexilTable.AUDIT_INDEX_SK, "#pk", VexilTable.PK))
                    .expressionAttributeValues(Map.of(":apk", AttributeValue.fromS(auditPk(item)),
                            ":ask", AttributeValue.fromS(auditSk(item)))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /** The head from this version, unless the resource's head is at this version or a newer one already. */
    private boolean putHeadIfNewer(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> head = new HashMap<>(item);
        head.put(VexilTable.SK, AttributeValue.fromS(chainOf(item).headSk()));
        head.remove(VexilTable.AUDIT_INDEX_PK);
        head.remove(VexilTable.AUDIT_INDEX_SK);
        try {
            client.putItem(b -> b.tableName(table).item(head)
                    .conditionExpression("attribute_not_exists(#pk) OR #v < :v")
                    .expressionAttributeNames(Map.of("#pk", VexilTable.PK, "#v", VexilTable.VERSION))
                    .expressionAttributeValues(Map.of(":v", item.get(VexilTable.VERSION))));
            return true;
        } catch (ConditionalCheckFailedException sameOrNewer) {
            return false;
        }
    }

    /** The resource an item is a version of, named from its plain attributes, as the adapter names it. */
    private static Chain chainOf(Map<String, AttributeValue> item) {
        String project = item.get(VexilTable.PROJECT).s();
        AttributeValue environment = item.get(VexilTable.ENVIRONMENT);
        String key = item.get(VexilTable.RKEY).s();
        return switch (ResourceType.valueOf(item.get(VexilTable.RTYPE).s())) {
            case PROJECT -> ItemKeys.project(project);
            case ENVIRONMENT -> ItemKeys.environment(project, key);
            case FLAG_DEFINITION -> ItemKeys.definition(project, key);
            case FLAG_CONFIG -> ItemKeys.config(project, environment.s(), key);
            case SEGMENT -> ItemKeys.segment(project, environment.s(), key);
            case CHANGE_REQUEST -> ItemKeys.changeRequest(project, environment.s(), key);
            case SCHEDULE -> ItemKeys.schedule(project, environment.s(), key);
            case SDK_KEY -> throw new IllegalArgumentException("SDK keys have no version chain");
        };
    }

    private static String auditPk(Map<String, AttributeValue> item) {
        return chainOf(item).auditPk();
    }

    private static String auditSk(Map<String, AttributeValue> item) {
        Chain chain = chainOf(item);
        return AuditPositions.of(Instant.parse(item.get("at").s()), chain.environment(), chain.type(), chain.key(),
                Long.parseLong(item.get(VexilTable.VERSION).n()));
    }

    /**
     * The command: {@code java -cp functions.jar dev.vexil.functions.store.migrate.VersionChainMigration <table>
     * [<pk> <sk>]}, resuming after the given key (the last {@code checkpoint} line of an interrupted run). Uses
     * the default AWS credentials and region.
     */
    public static void main(String[] args) {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: VersionChainMigration <table> [<resume pk> <resume sk>]");
            System.exit(2);
        }
        Map<String, AttributeValue> start = args.length == 3 ? Map.of(VexilTable.PK, AttributeValue.fromS(args[1]),
                VexilTable.SK, AttributeValue.fromS(args[2])) : null;
        try (DynamoDbClient client = DynamoDbClient.create()) {
            Result result = new VersionChainMigration(client, args[0]).run(start, Integer.MAX_VALUE,
                    key -> System.out.println(key == null ? "checkpoint: end of table"
                            : "checkpoint: " + key.get(VexilTable.PK).s() + " " + key.get(VexilTable.SK).s()));
            System.out.printf("scanned %d items, %d history items: %d heads written, %d audit keys added%n",
                    result.itemsScanned(), result.historyItems(), result.headsWritten(), result.auditKeysAdded());
        }
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item, AttributeValue sk) {
        return Map.of(VexilTable.PK, item.get(VexilTable.PK), VexilTable.SK, sk);
    }
}
