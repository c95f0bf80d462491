package dev.vexil.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.review.ChangeRequestStore;
import dev.vexil.core.review.ChangeRequestStoreContract;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.FlagRepositoryContract;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.WriteFaults;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteTables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The contract suite against dynalite (one server per JVM, a fresh table per test). */
class DynamoDbFlagRepositoryTest extends FlagRepositoryContract {
    @RegisterExtension
    final DynaliteTables tables = new DynaliteTables("vexil-test", VexilTable::create);
    private String tableName;

    @Override
    protected FlagRepository newRepository() {
        tableName = tables.create();
        return new DynamoDbFlagRepository(tables.client(), tableName);
    }

    @Override
    protected FlagRepository sameStoreWith(WriteFaults faults) {
        return new DynamoDbFlagRepository(tables.client(), tableName, faults);
    }

    @Test
    void tableHasTheProductionKeysAndIndex() {
        TableDescription table = tables.client().describeTable(b -> b.tableName(tableName)).table();
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(table.globalSecondaryIndexes()).hasSize(2);
        assertThat(table.globalSecondaryIndexes()).filteredOn(gsi -> gsi.indexName().equals("sdkKeyHash"))
                .singleElement().satisfies((GlobalSecondaryIndexDescription gsi) -> {
                    assertThat(gsi.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                            .containsExactly("gsi2pk:" + KeyType.HASH);
                    assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
                });
        assertThat(table.globalSecondaryIndexes()).filteredOn(gsi -> gsi.indexName().equals("audit"))
                .singleElement().satisfies((GlobalSecondaryIndexDescription gsi) -> {
                    assertThat(gsi.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                            .containsExactly("auditPk:" + KeyType.HASH, "auditSk:" + KeyType.RANGE);
                    assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
                });
    }

    /** The stream contract of docs/architecture.md, and the layout of docs/data-model.md, on the raw items. */
    @Test
    void everyItemCarriesThePlainAttributesAndTheDocumentedKeys() {
        configuredFlag();
        repo.putFlagConfig("p", "dev", "f", config(true), 1, meta());
        repo.putSegment("p", "dev", segment("s"), 0, meta());
        repo.deleteSegment("p", "dev", "s", 1, meta());
        repo.createSdkKey(sdkKey("p", "dev", "k1", "a".repeat(64)));
        repo.revokeSdkKey("p", "dev", "k1", meta());

        List<Map<String, AttributeValue>> items = tables.client().scan(b -> b.tableName(tableName).consistentRead(true)).items();
        assertThat(items).extracting(i -> i.get("pk").s() + " | " + i.get("sk").s()).containsExactlyInAnyOrder(
                "PROJECTS | PROJECT#p#00000000000000000001",
                "P#p | ENV#dev#00000000000000000001",
                "P#p | ENV#prod#00000000000000000001",
                "P#p | FLAGDEF#f#00000000000000000001",
                "P#p#E#dev | FLAG#f#00000000000000000001",
                "P#p#E#dev | FLAG#f#00000000000000000002",
                "P#p#E#dev | SEGMENT#s#00000000000000000001",
                "P#p#E#dev | SEGMENT#s#00000000000000000002",
                "P#p#E#dev | SDKKEY#k1",
                "PROJECTS | HEAD#PROJECT#p#",
                "P#p | HEAD#ENV#dev#",
                "P#p | HEAD#ENV#prod#",
                "P#p | HEAD#FLAGDEF#f#",
                "P#p#E#dev | HEAD#FLAG#f#",
                "P#p#E#dev | HEAD#SEGMENT#s#");
        for (Map<String, AttributeValue> item : items) {
            assertThat(item.get("project").s()).isEqualTo("p");
            assertThat(item).containsKeys("rtype", "rkey", "version");
            ResourceType type = ResourceType.valueOf(item.get("rtype").s());
            boolean projectLevel = type == ResourceType.PROJECT || type == ResourceType.FLAG_DEFINITION;
            assertThat(item.containsKey("environment")).as("environment on %s", item.get("sk").s())
                    .isEqualTo(!projectLevel);
        }
        Map<String, AttributeValue> v2 = items.stream()
                .filter(i -> i.get("sk").s().equals("FLAG#f#00000000000000000002")).findFirst().orElseThrow();
        assertThat(v2.get("environment").s()).isEqualTo("dev");
        assertThat(v2.get("rkey").s()).isEqualTo("f");
        assertThat(v2.get("version").n()).isEqualTo("2");
        assertThat(v2.get("content").s()).contains("\"on\":true");
        Map<String, AttributeValue> tombstone = items.stream()
                .filter(i -> i.get("sk").s().equals("SEGMENT#s#00000000000000000002")).findFirst().orElseThrow();
        assertThat(tombstone.get("deleted").bool()).isTrue();
        assertThat(tombstone).doesNotContainKey("content");
        // A head is the current version's item at its own key: the same attributes, so a stream consumer reads a
        // head's record exactly like a version item's.
        Map<String, AttributeValue> head = items.stream()
                .filter(i -> i.get("sk").s().equals("HEAD#FLAG#f#")).findFirst().orElseThrow();
        assertThat(head).containsAllEntriesOf(Map.of("version", v2.get("version"), "content", v2.get("content"),
                "rkey", v2.get("rkey"), "environment", v2.get("environment"), "at", v2.get("at")));
        Map<String, AttributeValue> headTombstone = items.stream()
                .filter(i -> i.get("sk").s().equals("HEAD#SEGMENT#s#")).findFirst().orElseThrow();
        assertThat(headTombstone.get("deleted").bool()).isTrue();
        assertThat(headTombstone.get("version").n()).isEqualTo("2");
        Map<String, AttributeValue> key = items.stream()
                .filter(i -> i.get("sk").s().equals("SDKKEY#k1")).findFirst().orElseThrow();
        assertThat(key.get("version").n()).isEqualTo("2");
        assertThat(key.get("hash").s()).isEqualTo("a".repeat(64));
        assertThat(key.get("gsi2pk").s()).isEqualTo("a".repeat(64));
        assertThat(key).containsKeys("revokedAt", "createdAt");
    }

    /** The change-request contract over this test's fresh store (the adapter implements both ports). */
    @Nested
    class ChangeRequests extends ChangeRequestStoreContract {
        @Override
        protected Stores newStores() {
            return new Stores(repo, (ChangeRequestStore) repo);
        }
    }
}
