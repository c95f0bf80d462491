package dev.vexil.functions.release;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The release table (docs/release-automation.md, "Storage"), apart from the Vexil table so that the scheduler's
 * claims and lease renewals never reach the Vexil table's stream (and the compiler): partition key {@code pk} (S),
 * sort key {@code sk} (S); the sparse GSI {@value #DUE_INDEX} on {@code duePk} (S, {@code DUE#<yyyy-MM-ddTHH>}, the
 * due time's UTC hour) and {@code dueSk} (S, {@code <epoch ms, 13 digits>#<pk>#<sk>}), projection ALL, present only
 * on items with something due; on-demand billing; no stream, no TTL.
 */
public final class ReleaseTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String DUE_INDEX = "due";
    public static final String DUE_PK = "duePk";
    public static final String DUE_SK = "dueSk";

    private ReleaseTable() {
    }

    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(PK), string(SK), string(DUE_PK), string(DUE_SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(DUE_INDEX)
                        .keySchema(key(DUE_PK, KeyType.HASH), key(DUE_SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .build();
    }

    /** Creates the table and waits until it is active (tests, local tools). */
    public static void create(DynamoDbClient client, String tableName) {
        client.createTable(definition(tableName));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
