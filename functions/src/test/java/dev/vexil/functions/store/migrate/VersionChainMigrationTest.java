package dev.vexil.functions.store.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Versioned;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.Segment;
import dev.vexil.testsupport.DynaliteTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The migration of a table written by the version-chain layout, on dynalite. {@link OldLayout} is the old write
 * path, kept here: one conditional PutItem of each version item, no heads, no audit keys.
 */
class VersionChainMigrationTest {
    /** Tables without a stream, as the old layout's were. */
    @RegisterExtension
    final DynaliteTables tables = new DynaliteTables("vexil-migration", (c, name) -> VexilTable.create(c, name, false));
    private String table;
    private DynamoDbFlagRepository repo;

    @BeforeEach
    void oldTable() {
        table = tables.create();
        repo = new DynamoDbFlagRepository(tables.client(), table);
        OldLayout old = new OldLayout(tables.client(), table);
        old.version("PROJECTS", "PROJECT#p#", "PROJECT", "p", null, 1, "{\"key\":\"p\",\"name\":\"P\","
                + "\"roles\":{\"alice\":\"admin\"}}", 1);
        old.version("P#p", "ENV#dev#", "ENVIRONMENT", "dev", "dev", 1, "{\"key\":\"dev\",\"name\":\"Dev\"}", 2);
        String definition = "{\"key\":\"f\",\"name\":\"F\",\"type\":\"boolean\",\"variations\":[{\"value\":true},"
                + "{\"value\":false}],\"tags\":[],\"temporary\":true,\"owner\":\"team\"}";
        old.version("P#p", "FLAGDEF#f#", "FLAG_DEFINITION", "f", null, 1, definition, 3);
        old.version("P#p", "FLAGDEF#f#", "FLAG_DEFINITION", "f", null, 2, definition, 4);
        for (int v = 1; v <= 3; v++) {
            old.version("P#p#E#dev", "FLAG#f#", "FLAG_CONFIG", "f", "dev", v, "{\"on\":" + (v == 3)
                    + ",\"salt\":1,\"targets\":[],\"rules\":[],\"prerequisites\":[],\"fallthrough\":{\"variation\":"
                    + (v - 1) % 2 + "}}", 4 + v);
        }
        old.version("P#p#E#dev", "SEGMENT#s#", "SEGMENT", "s", "dev", 1, "{\"key\":\"s\",\"name\":\"S\","
                + "\"included\":[\"u1\"]}", 8);
        old.version("P#p#E#dev", "SEGMENT#s#", "SEGMENT", "s", "dev", 2, null, 9);
        old.version("P#p#E#dev", "SEGMENT#t#", "SEGMENT", "t", "dev", 1, "{\"key\":\"t\",\"name\":\"T\","
                + "\"included\":[\"u2\"]}", 10);
    }

    private VersionChainMigration.Result migrate() {
        return new VersionChainMigration(tables.client(), table).run(null, Integer.MAX_VALUE, key -> { });
    }

    private void assertMigratedState(long flagVersion) {
        assertThat(repo.getFlagConfig("p", "dev", "f")).get().extracting(Versioned::version).isEqualTo(flagVersion);
        assertThat(repo.listSegments("p", "dev")).extracting(v -> v.value().key()).containsExactly("t");
        assertThat(repo.listEnvironments("p")).extracting(v -> v.value().key()).containsExactly("dev");
        assertThat(repo.listProjects(null, 10).items()).extracting(v -> v.value().key()).containsExactly("p");
        // environment 1 + definition 2 + configuration + segments 2 and 1
        assertThat(repo.loadEnvironmentState("p", "dev", List.of()).changeCounter()).isEqualTo(1 + 2 + flagVersion + 3);
        List<Long> history = repo.flagConfigHistory("p", "dev", "f").stream().map(HistoryEntry::version).toList();
        assertThat(history).hasSize((int) flagVersion).first().isEqualTo(flagVersion);
        List<AuditEntry> audit = wholeAuditLog(new AuditQuery("p", "dev", null, null, null, null, null));
        assertThat(audit).extracting(e -> e.resourceType() + " " + e.resourceKey() + " v" + e.version())
                .contains("SEGMENT t v1", "SEGMENT s v2", "SEGMENT s v1", "FLAG_CONFIG f v1");
        assertThat(audit.getFirst().at()).isAfterOrEqualTo(audit.getLast().at());
    }

    private List<AuditEntry> wholeAuditLog(AuditQuery query) {
        return Page.drain(cursor -> repo.auditLog(query, cursor, 2));
    }

    @Test
    void migratesAnOldTableSoThatStateListingsHistoryAndAuditWork() {
        assertThat(repo.loadEnvironmentState("p", "dev", List.of()).flags()).isEmpty(); // heads missing

        VersionChainMigration.Result result = migrate();

        assertThat(result.historyItems()).isEqualTo(10);
        assertThat(result.headsWritten()).isBetween(6L, 10L); // one per resource, more if versions came newest-last
        assertThat(result.auditKeysAdded()).isEqualTo(10);
        assertThat(result.resumeFrom()).isNull();
        assertMigratedState(3);
        Versioned<FlagConfig> next = repo.putFlagConfig("p", "dev", "f", repo.getFlagConfig("p", "dev", "f")
                .orElseThrow().value().turnedOff(), 3, new ChangeMeta("bob", "kill", null, null, null));
        assertThat(next.version()).isEqualTo(4);
    }

    @Test
    void runningAgainChangesNothing() {
        migrate();
        VersionChainMigration.Result again = migrate();
        assertThat(again.headsWritten()).isZero();
        assertThat(again.auditKeysAdded()).isZero();
        assertMigratedState(3);
    }

    @Test
    void anInterruptedRunResumesFromItsLastCheckpoint() {
        List<Map<String, AttributeValue>> checkpoints = new ArrayList<>();
        VersionChainMigration small = new VersionChainMigration(tables.client(), table, 3);
        VersionChainMigration.Result first = small.run(null, 2, checkpoints::add); // "dies" after two pages
        assertThat(first.resumeFrom()).isNotNull().isEqualTo(checkpoints.getLast());

        VersionChainMigration.Result rest = small.run(first.resumeFrom(), Integer.MAX_VALUE, key -> { });

        assertThat(rest.resumeFrom()).isNull();
        assertThat(first.historyItems() + rest.historyItems()).isEqualTo(10);
        assertMigratedState(3);
    }

    @Test
    void writesBeforeTheMigrationContinueTheOldChainsAndAreNotUndone() {
        // the new code serves a resource the migration has not reached yet: its newest version is the head
        assertThat(repo.getFlagConfig("p", "dev", "f")).get().extracting(Versioned::version).isEqualTo(3L);
        repo.putFlagConfig("p", "dev", "f", repo.getFlagConfig("p", "dev", "f").orElseThrow().value(), 3,
                new ChangeMeta("bob", "update", null, null, null));
        Segment recreated = new Segment("s", "S again", null, List.of("u3"), List.of(), List.of(), null, null);
        assertThat(repo.putSegment("p", "dev", recreated, 0, new ChangeMeta("bob", "create", null, null, null))
                .version()).isEqualTo(3); // the chain continues after the old tombstone

        migrate();

        assertThat(repo.getFlagConfig("p", "dev", "f")).get().extracting(Versioned::version).isEqualTo(4L);
        assertThat(repo.listSegments("p", "dev")).extracting(v -> v.value().key()).containsExactly("s", "t");
        assertThat(repo.flagConfigHistory("p", "dev", "f")).extracting(HistoryEntry::version)
                .containsExactly(4L, 3L, 2L, 1L);
    }

    /** The old write path: each version item as the version-chain layout put it, and nothing else. */
    private record OldLayout(DynamoDbClient client, String table) {
        void version(String pk, String prefix, String rtype, String rkey, String environment, long version,
                     String content, int second) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.fromS(pk));
            item.put("sk", AttributeValue.fromS(prefix + String.format("%020d", version)));
            item.put("project", AttributeValue.fromS("p"));
            if (environment != null) {
                item.put("environment", AttributeValue.fromS(environment));
            }
            item.put("rtype", AttributeValue.fromS(rtype));
            item.put("rkey", AttributeValue.fromS(rkey));
            item.put("version", AttributeValue.fromN(Long.toString(version)));
            item.put("at", AttributeValue.fromS(String.format("2026-01-01T00:00:%02dZ", second)));
            item.put("principal", AttributeValue.fromS("alice"));
            item.put("action", AttributeValue.fromS(version == 1 ? "create" : content == null ? "delete" : "update"));
            if (content == null) {
                item.put("deleted", AttributeValue.fromBool(true));
            } else {
                item.put("content", AttributeValue.fromS(content));
            }
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        }
    }
}
