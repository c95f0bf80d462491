package dev.vexil.it.stack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates the table as the CDK stack does (docs/architecture.md, "Fixed names"): pk/sk, GSIs current and sdkKeyHash. */
final class VexilTable {
    private VexilTable() {
    }

    /** Creates the table and waits until it is active; returns its stream ARN when {@code withStream}, else null. */
    static String create(DynamoDbClient dynamo, String table, boolean withStream) {
        CreateTableResponse created = dynamo.createTable(b -> {
            b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string("pk"), string("sk"), string("gsi1pk"), string("gsi1sk"), string("gsi2pk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(
                            GlobalSecondaryIndex.builder().indexName("current")
                                    .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                            GlobalSecondaryIndex.builder().indexName("sdkKeyHash")
                                    .keySchema(key("gsi2pk", KeyType.HASH))
                                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
            if (withStream) {
                b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
            }
        });
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
        return created.tableDescription().latestStreamArn();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
