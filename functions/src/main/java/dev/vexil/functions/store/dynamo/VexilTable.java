package dev.vexil.functions.store.dynamo;

import java.time.Duration;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
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
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The production definition of the Vexil table (docs/data-model.md). The CDK stack, the tests and local tools
 * must agree with it: partition key {@code pk} (S), sort key {@code sk} (S), GSI {@value #SDK_KEY_HASH_INDEX}
 * on {@code gsi2pk} (S) and GSI {@value #AUDIT_INDEX} on {@code auditPk}/{@code auditSk} (S, S), both with
 * projection ALL, on-demand billing, stream view NEW_AND_OLD_IMAGES.
 */
public final class VexilTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** GSI of SDK-key items by the hex SHA-256 of their secret. */
    public static final String SDK_KEY_HASH_INDEX = "sdkKeyHash";
    public static final String SDK_KEY_HASH_INDEX_PK = "gsi2pk";
    /** GSI of history items by audit log (project or environment partition) and position (time first). */
    public static final String AUDIT_INDEX = "audit";
    public static final String AUDIT_INDEX_PK = "auditPk";
    public static final String AUDIT_INDEX_SK = "auditSk";

    /** Plain attributes on every item (the stream contract of docs/architecture.md). */
    public static final String PROJECT = "project";
    public static final String ENVIRONMENT = "environment";
    public static final String RTYPE = "rtype";
    public static final String RKEY = "rkey";
    public static final String VERSION = "version";

    private VexilTable() {
    }

    /** The CreateTable request; {@code withStream} false for servers without Streams support. */
    public static CreateTableRequest definition(String tableName, boolean withStream) {
        CreateTableRequest.Builder table = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(PK), string(SK), string(SDK_KEY_HASH_INDEX_PK), string(AUDIT_INDEX_PK),
                        string(AUDIT_INDEX_SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(SDK_KEY_HASH_INDEX)
                        .keySchema(key(SDK_KEY_HASH_INDEX_PK, KeyType.HASH))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build(), auditIndex());
        if (withStream) {
            table.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        }
        return table.build();
    }

    /** Creates the table with its stream and waits until it is ACTIVE. */
    public static void create(DynamoDbClient client, String tableName) {
        create(client, tableName, true);
    }

    public static void create(DynamoDbClient client, String tableName, boolean withStream) {
        client.createTable(definition(tableName, withStream));
        // The default waiter sleeps 20 s after a first CREATING answer; a new on-demand table is usually ACTIVE in
        // seconds (and at once on dynalite), so poll more often.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
                        .waitTimeout(Duration.ofMinutes(5))
                        .build())
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(tableName));
        }
    }

    /** The audit GSI's definition (also what the migration adds to a table created before it existed). */
    public static GlobalSecondaryIndex auditIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(AUDIT_INDEX)
                .keySchema(key(AUDIT_INDEX_PK, KeyType.HASH), key(AUDIT_INDEX_SK, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    public static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
