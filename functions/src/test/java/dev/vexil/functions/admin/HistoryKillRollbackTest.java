package dev.vexil.functions.admin;

import static dev.vexil.functions.admin.AdminFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HistoryKillRollbackTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private static String configPath(String project) {
        return "/v1/projects/" + project + "/environments/production/flags/checkout";
    }

    /** Versions 1..3 with fallthrough variation 0, 1, 0 and a rule added in version 3. */
    private static String threeVersions(String hint) {
        String p = api.project(hint, "production");
        api.booleanFlag(p, "checkout");
        String path = configPath(p);
        api.call("PUT", path).json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        api.call("PUT", path).ifMatch("\"1\"").comment("everyone gets false")
                .json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(200);
        api.call("PUT", path).ifMatch("\"2\"")
                .json("{\"on\":true,\"offVariation\":1,\"rules\":[{\"id\":\"beta\",\"clauses\":[{\"attribute\":\"beta\","
                        + "\"operator\":\"in\",\"values\":[true]}],\"serve\":{\"variation\":0}}],"
                        + "\"fallthrough\":{\"variation\":0}}").expect(200);
        return p;
    }

    @Test
    void historyListsEveryChangeNewestFirstWithPrincipalCommentAndDiff() {
        String p = threeVersions("history");
        JsonNode items = api.get(configPath(p) + "/history").expect(200).json().path("items");
        List<Long> versions = new ArrayList<>();
        items.forEach(i -> versions.add(i.path("version").asLong()));
        assertThat(versions).containsExactly(3L, 2L, 1L);

        JsonNode second = items.get(1);
        assertThat(second.path("principal").asText()).isEqualTo(ALICE);
        assertThat(second.path("action").asText()).isEqualTo("update");
        assertThat(second.path("comment").asText()).isEqualTo("everyone gets false");
        assertThat(second.path("at").asText()).isEqualTo(AdminFixture.NOW.toString());
        assertThat(second.path("diff")).isEqualTo(AdminFixture.json(
                "[{\"op\":\"replace\",\"path\":\"/fallthrough/variation\",\"from\":0,\"to\":1}]"));
        assertThat(items.get(2).path("action").asText()).isEqualTo("create");
        assertThat(items.get(0).path("diff").toString()).contains("\"path\":\"/rules/0\"").contains("\"op\":\"add\"");
    }

    @Test
    void rollbackRestoresExactlyTheContentOfVersionKAsANewVersion() {
        String p = threeVersions("rollback");
        String path = configPath(p);
        JsonNode history = api.get(path + "/history").expect(200).json().path("items");
        JsonNode versionOne = history.get(2).path("content");

        AdminFixture.Reply restored = api.call("POST", path + "/rollback")
                .json("{\"version\":1,\"comment\":\"back to the start\"}").expect(200);
        assertThat(restored.etag()).isEqualTo("\"4\"");

        JsonNode after = api.get(path + "/history").expect(200).json().path("items");
        assertThat(after).hasSize(4);
        JsonNode newest = after.get(0);
        assertThat(newest.path("version").asLong()).isEqualTo(4);
        assertThat(newest.path("action").asText()).isEqualTo("rollback");
        assertThat(newest.path("comment").asText()).isEqualTo("back to the start");
        assertThat(newest.path("content")).isEqualTo(versionOne);
        assertThat(newest.path("diff").toString()).contains("\"op\":\"remove\"").contains("/rules/0");
        // History is never rewritten: versions 1..3 are untouched.
        assertThat(after.get(1)).isEqualTo(history.get(0));
        assertThat(after.get(3)).isEqualTo(history.get(2));

        JsonNode current = api.get(path).expect(200).json();
        assertThat(current.path("fallthrough").path("variation").asInt()).isZero();
        assertThat(current.path("rules")).isEmpty();
    }

    @Test
    void rollbackToAnUnknownVersionIsNotFoundAndChangesNothing() {
        String p = threeVersions("rollback-unknown");
        api.call("POST", configPath(p) + "/rollback").json("{\"version\":42}").expect(404);
        assertThat(api.get(configPath(p) + "/history").expect(200).json().path("items")).hasSize(3);
    }

    @Test
    void rollbackWithAStaleIfMatchIsRefused() {
        String p = threeVersions("rollback-stale");
        api.call("POST", configPath(p) + "/rollback").ifMatch("\"2\"").json("{\"version\":1}").expect(412);
        api.call("POST", configPath(p) + "/rollback").ifMatch("\"3\"").json("{\"version\":1}").expect(200);
    }

    @Test
    void killTurnsTheFlagOffAsANewVersionAndHistoryShowsWho() {
        String p = threeVersions("kill");
        String path = configPath(p);
        String operator = "arn:aws:iam::123456789012:user/oncall";
        api.call("PUT", "/v1/projects/" + p).ifMatch("\"1\"")
                .json("{\"name\":\"kill\",\"roles\":{\"" + ALICE + "\":\"admin\",\"" + operator + "\":\"editor\"}}")
                .expect(200);

        AdminFixture.Reply killed = api.call("POST", path + "/kill").as(operator).comment("incident 4711").send();
        assertThat(killed.status()).isEqualTo(200);
        assertThat(killed.etag()).isEqualTo("\"4\"");
        assertThat(killed.json().path("on").asBoolean()).isFalse();
        // The targeting is kept, so that turning it back on restores the behaviour.
        assertThat(killed.json().path("rules")).hasSize(1);

        JsonNode newest = api.get(path + "/history").expect(200).json().path("items").get(0);
        assertThat(newest.path("action").asText()).isEqualTo("kill");
        assertThat(newest.path("principal").asText()).isEqualTo(operator);
        assertThat(newest.path("comment").asText()).isEqualTo("incident 4711");
        assertThat(newest.path("diff")).isEqualTo(AdminFixture.json(
                "[{\"op\":\"replace\",\"path\":\"/on\",\"from\":true,\"to\":false}]"));
    }

    @Test
    void killOfAFlagNeverConfiguredWritesAnExplicitOffConfiguration() {
        String p = api.project("kill-new", "production");
        api.booleanFlag(p, "checkout");
        AdminFixture.Reply killed = api.call("POST", configPath(p) + "/kill").expect(200);
        assertThat(killed.etag()).isEqualTo("\"1\"");
        assertThat(api.get(configPath(p)).expect(200).json().path("on").asBoolean()).isFalse();
    }

    @Test
    void aProtectedEnvironmentRefusesDirectWritesAndTakesOnlyCommentedKills() {
        String p = api.project("protected");
        api.call("POST", "/v1/projects/" + p + "/environments")
                .json("{\"key\":\"production\",\"name\":\"Production\",\"protected\":true}").expect(201);
        api.booleanFlag(p, "checkout");
        String path = configPath(p);

        AdminFixture.Reply refused = api.call("PUT", path).comment("launch")
                .json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(403);
        assertThat(refused.json().path("detail").asText()).contains("protected").contains("change request");
        assertThat(refused.json().path("changeRequests").asText())
                .isEqualTo("/v1/projects/" + p + "/environments/production/change-requests");
        api.call("PUT", path).json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(403);

        AdminFixture.Reply noComment = api.call("POST", path + "/kill").expect(400);
        assertThat(noComment.json().path("detail").asText()).contains("protected");
        assertThat(noComment.errorPaths()).containsExactly("X-Vexil-Comment");
        api.call("POST", path + "/kill").json("{\"comment\":\"incident\"}").expect(200);
        api.call("POST", path + "/rollback").comment("undo").json("{\"version\":1}").expect(403);

        JsonNode items = api.get(path + "/history").expect(200).json().path("items");
        assertThat(items.findValuesAsText("comment")).containsExactly("incident");
        assertThat(items.findValuesAsText("action")).containsExactly("kill");
    }
}
