package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteExtension;
import dev.vexil.testsupport.DynaliteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The admin API over the DynamoDB adapter (the Lambda wiring), on dynalite. */
@ExtendWith(DynaliteExtension.class)
class AdminOnDynamoDbTest {
    private static final String TABLE = "vexil-admin-test";

    static DynamoDbClient client;
    static AdminFixture api;

    @BeforeAll
    static void start(DynaliteServer dynalite) {
        client = dynalite.newClient();
        VexilTable.create(client, TABLE);
        api = new AdminFixture(new DynamoDbFlagRepository(client, TABLE));
    }

    @AfterAll
    static void stop() {
        client.deleteTable(b -> b.tableName(TABLE));
        client.close();
    }

    private static int itemCount() {
        return client.scan(b -> b.tableName(TABLE).select("COUNT")).count();
    }

    @Test
    void aFlagsLifeWorksOverDynamoDb() {
        String p = api.project("dynamo", "production");
        api.booleanFlag(p, "checkout");
        String config = "/v1/projects/" + p + "/environments/production/flags/checkout";
        api.call("PUT", config).json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        api.call("PUT", config).ifMatch("\"1\"").json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(200);
        api.call("PUT", config).ifMatch("\"1\"").json("{\"on\":false,\"fallthrough\":{\"variation\":0}}").expect(412);
        api.call("POST", config + "/kill").comment("incident").expect(200);
        api.call("POST", config + "/rollback").json("{\"version\":1}").expect(200);

        JsonNode history = api.get(config + "/history").expect(200).json().path("items");
        assertThat(history.findValuesAsText("action")).containsExactly("rollback", "kill", "update", "create");
        assertThat(history.get(0).path("content")).isEqualTo(history.get(3).path("content"));

        JsonNode dryRun = api.call("POST", "/v1/projects/" + p + "/environments/production/evaluate")
                .json("{\"contexts\":[{\"key\":\"a\"}]}").expect(200).json();
        assertThat(dryRun.path("results").get(0).path("flags").path("checkout").path("value").asBoolean()).isTrue();

        String secret = api.call("POST", "/v1/projects/" + p + "/environments/production/sdk-keys").expect(201).json()
                .path("secret").asText();
        assertThat(api.get("/v1/projects/" + p + "/environments/production/sdk-keys").expect(200).text())
                .doesNotContain(secret);
    }

    @Test
    void primingWritesNothingToTheTable() {
        api.project("priming-dynamo", "production");
        int before = itemCount();
        assertThat(api.handler.primer().prime()).isZero();
        assertThat(itemCount()).isEqualTo(before);
    }

    /** The same 8 × 50 as over SQLite (ConcurrencyTest), through the API; about 16 s on dynalite here. */
    @Test
    void conflictingUpdatesNeverLoseOneAndLeaveNoGaps() throws Exception {
        ConflictingWriters.run(api, "race", 8, 50);
    }
}
