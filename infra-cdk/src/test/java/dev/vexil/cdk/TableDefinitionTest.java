package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.functions.store.dynamo.VexilTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The deployed table is the table the store is written and tested against: same keys, attribute types, GSIs,
 * projections, billing and stream view as dev.vexil.functions.store.dynamo.VexilTable#definition.
 */
class TableDefinitionTest {

    @Test
    @SuppressWarnings("unchecked")
    void deployedTableMatchesTheStoresDefinition() {
        CreateTableRequest store = VexilTable.definition("vexil", true);
        for (String stage : SynthesizedApp.stageNames()) {
            TemplateQueries queries = new TemplateQueries(SynthesizedApp.templateJson(stage));
            Map<String, Object> table = queries.ofType("AWS::DynamoDB::GlobalTable").get(queries.vexilTable());

            assertThat(table.get("KeySchema")).isEqualTo(store.keySchema().stream()
                    .map(k -> Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList());
            assertThat((List<Object>) table.get("AttributeDefinitions")).containsExactlyInAnyOrderElementsOf(
                    store.attributeDefinitions().stream().map(a -> (Object) Map.of("AttributeName",
                            a.attributeName(), "AttributeType", a.attributeTypeAsString())).toList());
            assertThat((List<Object>) table.get("GlobalSecondaryIndexes")).containsExactlyInAnyOrderElementsOf(
                    store.globalSecondaryIndexes().stream().map(gsi -> (Object) Map.of(
                            "IndexName", gsi.indexName(),
                            "KeySchema", gsi.keySchema().stream().map(k -> Map.of("AttributeName",
                                    k.attributeName(), "KeyType", k.keyTypeAsString())).toList(),
                            "Projection", Map.of("ProjectionType", gsi.projection().projectionTypeAsString())))
                            .toList());
            assertThat(table.get("BillingMode")).isEqualTo(store.billingModeAsString());
            assertThat(table.get("StreamSpecification")).isEqualTo(
                    Map.of("StreamViewType", store.streamSpecification().streamViewTypeAsString()));
        }
    }
}
