package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlagsTest {
    private static final String STRING_FLAG = "{\"name\":\"Colour\",\"type\":\"string\",\"tags\":[\"ui\"],"
            + "\"variations\":[{\"value\":\"red\"},{\"value\":\"green\"},{\"value\":\"blue\"}]}";
    private static final String CONFIG = "{\"on\":true,\"offVariation\":0,"
            + "\"targets\":[{\"variation\":1,\"keys\":[\"alice\"]}],"
            + "\"rules\":[{\"id\":\"de\",\"clauses\":[{\"attribute\":\"country\",\"operator\":\"in\",\"values\":[\"DE\"]}],"
            + "\"serve\":{\"variation\":2}}],\"fallthrough\":{\"variation\":0}}";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    @Test
    void putCreatesADefinitionThenUpdatesItWithIfMatch() {
        String p = api.project("defs");
        AdminFixture.Reply created = api.call("PUT", "/v1/projects/" + p + "/flags/colour").json(STRING_FLAG).expect(201);
        assertThat(created.etag()).isEqualTo("\"1\"");
        assertThat(created.json().path("key").asText()).isEqualTo("colour");
        assertThat(created.json().path("variations")).hasSize(3);

        String renamed = STRING_FLAG.replace("\"Colour\"", "\"Colour of the button\"");
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").json(renamed).expect(428);
        AdminFixture.Reply stale = api.call("PUT", "/v1/projects/" + p + "/flags/colour").ifMatch("\"7\"")
                .json(renamed).expect(412);
        assertThat(stale.json().path("currentEtag").asText()).isEqualTo("\"1\"");
        assertThat(stale.etag()).isEqualTo("\"1\"");
        AdminFixture.Reply updated = api.call("PUT", "/v1/projects/" + p + "/flags/colour").ifMatch("\"1\"")
                .json(renamed).expect(200);
        assertThat(updated.etag()).isEqualTo("\"2\"");

        JsonNode read = api.get("/v1/projects/" + p + "/flags/colour").expect(200).json();
        assertThat(read.path("name").asText()).isEqualTo("Colour of the button");
        assertThat(read.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void createOnlyPutOverAnExistingDefinitionIsAConflict() {
        String p = api.project("create-only");
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").header("If-None-Match", "*").json(STRING_FLAG).expect(201);
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").header("If-None-Match", "*").json(STRING_FLAG).expect(409);
        api.call("PUT", "/v1/projects/" + p + "/flags/other").ifMatch("\"1\"").json(STRING_FLAG).expect(412);
        api.get("/v1/projects/" + p + "/flags/other").expect(404);
    }

    @Test
    void readOnlyMembersSentBackFromAGetAreIgnored() {
        String p = api.project("echo");
        JsonNode created = api.call("PUT", "/v1/projects/" + p + "/flags/colour").json(STRING_FLAG).expect(201).json();
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").ifMatch("\"1\"").json(created.toString()).expect(200);
    }

    @Test
    void listFiltersByTagAndPages() {
        String p = api.project("list");
        for (String key : List.of("a-flag", "b-flag", "c-flag")) {
            api.call("PUT", "/v1/projects/" + p + "/flags/" + key).json(STRING_FLAG).expect(201);
        }
        api.call("PUT", "/v1/projects/" + p + "/flags/untagged")
                .json("{\"name\":\"U\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(201);

        JsonNode tagged = api.get("/v1/projects/" + p + "/flags").query("tag", "ui").expect(200).json();
        assertThat(tagged.path("items").findValuesAsText("key")).containsExactly("a-flag", "b-flag", "c-flag");

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            AdminFixture.Call call = api.get("/v1/projects/" + p + "/flags").query("limit", "2");
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode page = call.expect(200).json();
            assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
            page.path("items").forEach(f -> all.add(f.path("key").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(all).containsExactly("a-flag", "b-flag", "c-flag", "untagged");

        api.get("/v1/projects/" + p + "/flags").query("limit", "0").expect(400);
        api.get("/v1/projects/" + p + "/flags").query("limit", "many").expect(400);
    }

    @Test
    void configIsCreatedReadAndUpdatedWithIfMatch() {
        String p = api.project("configs", "production");
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").json(STRING_FLAG).expect(201);
        String path = "/v1/projects/" + p + "/environments/production/flags/colour";
        api.get(path).expect(404);

        AdminFixture.Reply created = api.call("PUT", path).json(CONFIG).expect(201);
        assertThat(created.etag()).isEqualTo("\"1\"");
        JsonNode read = api.get(path).expect(200).json();
        assertThat(read.path("on").asBoolean()).isTrue();
        assertThat(read.path("rules").get(0).path("serve").path("variation").asInt()).isEqualTo(2);
        assertThat(read.path("version").asLong()).isEqualTo(1);

        String off = CONFIG.replace("\"on\":true", "\"on\":false");
        api.call("PUT", path).json(off).expect(428);
        api.call("PUT", path).ifMatch("\"2\"").json(off).expect(412);
        api.call("PUT", path).header("If-None-Match", "*").json(off).expect(409);
        assertThat(api.call("PUT", path).ifMatch("\"1\"").json(off).expect(200).etag()).isEqualTo("\"2\"");
        assertThat(api.get(path).expect(200).json().path("on").asBoolean()).isFalse();
    }

    @Test
    void configOfAnUnknownFlagOrEnvironmentIsNotFound() {
        String p = api.project("unknown", "production");
        api.call("PUT", "/v1/projects/" + p + "/environments/production/flags/ghost").json("{\"on\":true}").expect(404);
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").json(STRING_FLAG).expect(201);
        api.call("PUT", "/v1/projects/" + p + "/environments/nowhere/flags/colour").json("{\"on\":true}").expect(404);
        api.get("/v1/projects/" + p + "/environments/production/flags/ghost/history").expect(404);
    }

    @Test
    void aDefinitionChangeThatBreaksAnEnvironmentIsRefusedNamingIt() {
        String p = api.project("compat", "production", "staging");
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").json(STRING_FLAG).expect(201);
        api.call("PUT", "/v1/projects/" + p + "/environments/production/flags/colour").json(CONFIG).expect(201);
        String twoVariations = "{\"name\":\"Colour\",\"type\":\"string\",\"variations\":[{\"value\":\"red\"},{\"value\":\"green\"}]}";

        AdminFixture.Reply refused = api.call("PUT", "/v1/projects/" + p + "/flags/colour").ifMatch("\"1\"")
                .json(twoVariations).expect(409);
        assertThat(refused.json().path("environments").toString()).isEqualTo("[\"production\"]");
        assertThat(refused.json().path("detail").asText()).contains("production");
        assertThat(refused.errorPaths()).anyMatch(path -> path.startsWith("environments.production.flags.colour.rules[0]"));
        assertThat(api.get("/v1/projects/" + p + "/flags/colour").expect(200).json().path("variations")).hasSize(3);

        // Adding a variation breaks nothing.
        String four = STRING_FLAG.replace("{\"value\":\"blue\"}", "{\"value\":\"blue\"},{\"value\":\"black\"}");
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").ifMatch("\"1\"").json(four).expect(200);
    }

    @Test
    void aDefinitionChangeThatBreaksAnotherFlagsPrerequisiteIsRefused() {
        String p = api.project("prereq", "production");
        api.call("PUT", "/v1/projects/" + p + "/flags/colour").json(STRING_FLAG).expect(201);
        api.booleanFlag(p, "checkout");
        api.call("PUT", "/v1/projects/" + p + "/environments/production/flags/checkout")
                .json("{\"on\":true,\"prerequisites\":[{\"flag\":\"colour\",\"variation\":2}],\"fallthrough\":{\"variation\":0}}")
                .expect(201);
        String oneVariation = "{\"name\":\"Colour\",\"type\":\"string\",\"variations\":[{\"value\":\"red\"}]}";
        AdminFixture.Reply refused = api.call("PUT", "/v1/projects/" + p + "/flags/colour").ifMatch("\"1\"")
                .json(oneVariation).expect(409);
        assertThat(refused.errorPaths()).anyMatch(path -> path.startsWith("environments.production.flags.checkout"));
    }
}
