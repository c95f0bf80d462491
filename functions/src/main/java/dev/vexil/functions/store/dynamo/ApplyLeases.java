package dev.vexil.functions.store.dynamo;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The apply lease of an environment's change requests: one item, {@code pk = P#<project>#E#<env>},
 * {@code sk = LEASE#APPLY}, attributes {@code holder} and {@code leaseUntil} (epoch milliseconds). Taken and given
 * back with conditional PutItems only (the admin role needs no DeleteItem); it carries no {@code rtype}, so the
 * compiler, the key sync and the migration ignore it.
 */
public final class ApplyLeases {
    private static final String HOLDER = "holder";
    private static final String UNTIL = "leaseUntil";

    private final DynamoDbClient client;
    private final String tableName;

    public ApplyLeases(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    public boolean acquire(String environmentPk, String holder, Instant now, Instant until) {
        return put(environmentPk, holder, until.toEpochMilli(),
                "attribute_not_exists(pk) OR #holder = :holder OR #until < :now",
                Map.of(":holder", AttributeValue.fromS(holder), ":now", number(now.toEpochMilli())));
    }

    /** Ends the lease (its time set to 0) if {@code holder} still holds it. */
    public void release(String environmentPk, String holder) {
        put(environmentPk, holder, 0, "#holder = :holder", Map.of(":holder", AttributeValue.fromS(holder)));
    }

    private boolean put(String environmentPk, String holder, long untilMillis, String condition,
                        Map<String, AttributeValue> values) {
        Map<String, String> names = condition.contains("#until") ? Map.of("#holder", HOLDER, "#until", UNTIL)
                : Map.of("#holder", HOLDER);
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(Map.of(VexilTable.PK, AttributeValue.fromS(environmentPk),
                            VexilTable.SK, AttributeValue.fromS(ItemKeys.APPLY_LEASE_SK),
                            HOLDER, AttributeValue.fromS(holder), UNTIL, number(untilMillis)))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
