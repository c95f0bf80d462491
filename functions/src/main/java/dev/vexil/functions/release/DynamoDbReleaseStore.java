package dev.vexil.functions.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.release.store.ReleaseKey;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.StoreException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The release store on DynamoDB ({@link ReleaseTable}). An item is {@code pk = <project>/<env>/<flag>},
 * {@code sk = <kind>#<id>} with {@code revision}, {@code dueAt}, {@code claimId}, {@code leaseUntil} and the JSON
 * {@code body}; every write is one conditional PutItem ({@code attribute_not_exists(pk)} to create,
 * {@code revision = :expected} to replace). An item with something due also carries the due index's keys, so
 * {@link #due} queries one index partition per UTC hour of the window (25 queries for a 24-hour window), never the
 * table. Guard pointers are items {@code pk = GUARD#<alarm>}, {@code sk = <item pk>#<item sk>} with
 * {@code watchUntil}.
 */
public final class DynamoDbReleaseStore implements ReleaseStore {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
            .withZone(ZoneOffset.UTC);
    private static final String GUARD = "GUARD#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper mapper = new ObjectMapper();

    public DynamoDbReleaseStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public ReleaseRecord create(ReleaseRecord record) {
        ReleaseRecord stored = withRevision(record, 1);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(stored))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            throw new StoreException.AlreadyExists(record.key() + " already exists");
        }
        return stored;
    }

    @Override
    public ReleaseRecord replace(ReleaseRecord record, long expectedRevision) {
        ReleaseRecord stored = withRevision(record, expectedRevision + 1);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(stored))
                    .conditionExpression("revision = :expected")
                    .expressionAttributeValues(Map.of(":expected", number(expectedRevision))));
        } catch (ConditionalCheckFailedException moved) {
            long current = get(record.key()).map(ReleaseRecord::revision).orElse(0L);
            throw new StoreException.VersionConflict(record.key() + " is at revision " + current + ", not "
                    + expectedRevision, current);
        }
        return stored;
    }

    @Override
    public Optional<ReleaseRecord> get(ReleaseKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(ReleaseTable.PK, string(pk(key)), ReleaseTable.SK, string(sk(key))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    @Override
    public List<ReleaseRecord> list(String project, String environment, String flag, String kind) {
        List<ReleaseRecord> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :kind)")
                    .expressionAttributeValues(Map.of(":pk", string(project + "/" + environment + "/" + flag),
                            ":kind", string(kind + "#")));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            page.items().forEach(item -> records.add(record(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return records;
    }

    @Override
    public List<ReleaseRecord> due(Instant from, Instant to, int limit) {
        List<ReleaseRecord> due = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(to) && due.size() < limit;
             hour = hour.plus(1, ChronoUnit.HOURS)) {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(ReleaseTable.DUE_INDEX)
                        .keyConditionExpression("duePk = :bucket AND dueSk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":bucket", string("DUE#" + HOUR.format(hour)),
                                ":from", string(millis(from)), ":to", string(millis(to) + "$")))
                        .limit(limit - due.size());
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse page = dynamo.query(query.build());
                page.items().forEach(item -> due.add(record(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && due.size() < limit
                        ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return due.size() > limit ? due.subList(0, limit) : due;
    }

    @Override
    public void watch(String alarm, ReleaseKey key, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ReleaseTable.PK, string(GUARD + alarm));
        item.put(ReleaseTable.SK, string(pk(key) + "#" + sk(key)));
        item.put("project", string(key.project()));
        item.put("environment", string(key.environment()));
        item.put("flag", string(key.flag()));
        item.put("kind", string(key.kind()));
        item.put("id", string(key.id()));
        item.put("watchUntil", number(until.toEpochMilli()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<ReleaseKey> watchers(String alarm, Instant at) {
        List<ReleaseKey> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk").filterExpression("watchUntil > :at")
                    .expressionAttributeValues(Map.of(":pk", string(GUARD + alarm), ":at", number(at.toEpochMilli())));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                keys.add(new ReleaseKey(item.get("project").s(), item.get("environment").s(), item.get("flag").s(),
                        item.get("kind").s(), item.get("id").s()));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    private Map<String, AttributeValue> item(ReleaseRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        String pk = pk(record.key());
        String sk = sk(record.key());
        item.put(ReleaseTable.PK, string(pk));
        item.put(ReleaseTable.SK, string(sk));
        item.put("project", string(record.key().project()));
        item.put("environment", string(record.key().environment()));
        item.put("flag", string(record.key().flag()));
        item.put("kind", string(record.key().kind()));
        item.put("id", string(record.key().id()));
        item.put("revision", number(record.revision()));
        if (record.dueAt() != null) {
            item.put("dueAt", number(record.dueAt().toEpochMilli()));
            item.put(ReleaseTable.DUE_PK, string("DUE#" + HOUR.format(record.dueAt())));
            item.put(ReleaseTable.DUE_SK, string(millis(record.dueAt()) + "#" + pk + "#" + sk));
        }
        if (record.claimId() != null) {
            item.put("claimId", string(record.claimId()));
            item.put("leaseUntil", number(record.leaseUntil().toEpochMilli()));
        }
        try {
            item.put("body", string(mapper.writeValueAsString(record.body())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        return item;
    }

    private ReleaseRecord record(Map<String, AttributeValue> item) {
        ReleaseKey key = new ReleaseKey(item.get("project").s(), item.get("environment").s(), item.get("flag").s(),
                item.get("kind").s(), item.get("id").s());
        try {
            return new ReleaseRecord(key, Long.parseLong(item.get("revision").n()), instant(item.get("dueAt")),
                    item.containsKey("claimId") ? item.get("claimId").s() : null, instant(item.get("leaseUntil")),
                    mapper.readTree(item.get("body").s()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored body of " + key + " is not JSON", e);
        }
    }

    private static String pk(ReleaseKey key) {
        return key.project() + "/" + key.environment() + "/" + key.flag();
    }

    private static String sk(ReleaseKey key) {
        return key.kind() + "#" + key.id();
    }

    private static String millis(Instant instant) {
        return String.format("%013d", instant.toEpochMilli());
    }

    private static Instant instant(AttributeValue value) {
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static ReleaseRecord withRevision(ReleaseRecord record, long revision) {
        return new ReleaseRecord(record.key(), revision, record.dueAt(), record.claimId(), record.leaseUntil(),
                record.body());
    }
}
