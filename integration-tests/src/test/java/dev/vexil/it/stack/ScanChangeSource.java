package dev.vexil.it.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Stream records for a table without Streams (dynalite): each call scans the table with a consistent read and
 * compares it with the previous scan. A new item is an {@code INSERT} (NewImage), a changed one a {@code MODIFY}
 * (OldImage and NewImage), a vanished one a {@code REMOVE} (OldImage). Sequence numbers increase across calls.
 *
 * <p>What a scan cannot see: an item changed twice between two scans yields one MODIFY (Streams would give two),
 * and the order of records from one scan is key order, not commit order. Vexil's compiler rebuilds each environment
 * from the table, so neither changes its result.
 */
final class ScanChangeSource implements ChangeSource {
    private final DynamoDbClient dynamo;
    private final String table;
    private final String streamArn;
    private final Clock clock;
    private final Map<String, Map<String, AttributeValue>> seen = new HashMap<>();
    private long sequence = 100_000_000_000_000_000L;

    ScanChangeSource(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.streamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/2026-01-01T00:00:00.000";
    }

    @Override
    public synchronized List<ObjectNode> nextRecords() {
        Map<String, Map<String, AttributeValue>> now = new TreeMap<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().forEach(item -> now.put(identity(item), item));
        List<ObjectNode> records = new ArrayList<>();
        for (Map.Entry<String, Map<String, AttributeValue>> entry : now.entrySet()) {
            Map<String, AttributeValue> before = seen.get(entry.getKey());
            if (before == null) {
                records.add(record("INSERT", entry.getValue(), null));
            } else if (!before.equals(entry.getValue())) {
                records.add(record("MODIFY", entry.getValue(), before));
            }
        }
        for (Map.Entry<String, Map<String, AttributeValue>> gone : seen.entrySet()) {
            if (!now.containsKey(gone.getKey())) {
                records.add(record("REMOVE", null, gone.getValue()));
            }
        }
        seen.clear();
        seen.putAll(now);
        return records;
    }

    private ObjectNode record(String eventName, Map<String, AttributeValue> newImage,
                              Map<String, AttributeValue> oldImage) {
        Map<String, AttributeValue> any = newImage != null ? newImage : oldImage;
        Map<String, AttributeValue> keys = Map.of("pk", any.get("pk"), "sk", any.get("sk"));
        return StreamRecordJson.record(eventName, streamArn, "us-east-1", String.format("%021d", ++sequence),
                clock.instant(), keys, newImage, oldImage);
    }

    private static String identity(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "\u0000" + item.get("sk").s();
    }
}
