package dev.vexil.functions.insights;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The definition of the insights aggregate table (docs/insights.md, "On AWS"), apart from the Vexil table: partition
 * key {@code pk} (S) = {@code <project>/<environment>}; sort key {@code sk} (S) = {@code <epoch minute, 10
 * digits>#<flag>} for a minute's counts of a flag (one number attribute {@code c#<variation>#<REASON>} per
 * variation × reason kind), {@code last#<flag>} for a flag's last evaluated minute; the TTL attribute
 * {@value #EXPIRES_AT} (epoch seconds) on counts; on-demand billing.
 */
public final class InsightsTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expiresAt";
    /** How long counts are kept: the TTL written with each count (the admin API reads at most 90 days at once). */
    public static final Duration RETENTION = Duration.ofDays(90);

    private InsightsTable() {
    }

    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(PK), string(SK))
                .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .build();
    }

    /** Creates the table and waits until it is active (tests, local tools). */
    public static void create(DynamoDbClient client, String tableName) {
        client.createTable(definition(tableName));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
