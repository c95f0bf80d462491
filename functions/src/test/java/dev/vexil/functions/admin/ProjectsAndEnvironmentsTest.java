package dev.vexil.functions.admin;

import static dev.vexil.functions.admin.AdminFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProjectsAndEnvironmentsTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    @Test
    void createdProjectHasVersionEtagAndTheCreatorAsAdmin() {
        String key = AdminFixture.newProjectKey("shop");
        AdminFixture.Reply created = api.call("POST", "/v1/projects")
                .json("{\"key\":\"" + key + "\",\"name\":\"Web shop\"}").expect(201);
        assertThat(created.etag()).isEqualTo("\"1\"");
        assertThat(created.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = created.json();
        assertThat(body.path("key").asText()).isEqualTo(key);
        assertThat(body.path("name").asText()).isEqualTo("Web shop");
        assertThat(body.path("version").asLong()).isEqualTo(1);
        assertThat(body.path("roles").path(ALICE).asText()).isEqualTo("admin");

        AdminFixture.Reply read = api.get("/v1/projects/" + key).expect(200);
        assertThat(read.json()).isEqualTo(body);
        assertThat(read.etag()).isEqualTo("\"1\"");
    }

    @Test
    void creatingAnExistingProjectIsAConflictAndChangesNothing() {
        String key = api.project("dup");
        api.call("POST", "/v1/projects").json("{\"key\":\"" + key + "\",\"name\":\"Other\"}").expect(409);
        assertThat(api.get("/v1/projects/" + key).expect(200).json().path("name").asText()).isEqualTo("dup");
    }

    @Test
    void listShowsOnlyProjectsWhereTheCallerHasARoleAndPages() {
        String mine = api.project("listed");
        String bobs = AdminFixture.newProjectKey("bobs");
        api.call("POST", "/v1/projects").as("bob").json("{\"key\":\"" + bobs + "\",\"name\":\"B\"}").expect(201);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AdminFixture.Call call = api.get("/v1/projects").query("limit", "1");
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode page = call.expect(200).json();
            page.path("items").forEach(p -> seen.add(p.path("key").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen).contains(mine).doesNotContain(bobs);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void updateReplacesRolesWithIfMatch() {
        String key = api.project("roles");
        String body = "{\"name\":\"Renamed\",\"roles\":{\"" + ALICE + "\":\"admin\",\"carol\":\"editor\"}}";
        api.call("PUT", "/v1/projects/" + key).json(body).expect(428);
        api.call("PUT", "/v1/projects/" + key).ifMatch("\"9\"").json(body).expect(412);
        AdminFixture.Reply updated = api.call("PUT", "/v1/projects/" + key).ifMatch("\"1\"").json(body).expect(200);
        assertThat(updated.etag()).isEqualTo("\"2\"");
        assertThat(updated.json().path("roles").path("carol").asText()).isEqualTo("editor");
        assertThat(updated.json().path("name").asText()).isEqualTo("Renamed");
    }

    @Test
    void environmentsAreCreatedListedAndRead() {
        String key = api.project("envs");
        AdminFixture.Reply created = api.call("POST", "/v1/projects/" + key + "/environments")
                .json("{\"key\":\"production\",\"name\":\"Production\",\"protected\":true}").expect(201);
        assertThat(created.etag()).isEqualTo("\"1\"");
        assertThat(created.json().path("protected").asBoolean()).isTrue();
        api.call("POST", "/v1/projects/" + key + "/environments").json("{\"key\":\"staging\",\"name\":\"Staging\"}")
                .expect(201);
        api.call("POST", "/v1/projects/" + key + "/environments").json("{\"key\":\"staging\",\"name\":\"Again\"}")
                .expect(409);

        JsonNode list = api.get("/v1/projects/" + key + "/environments").expect(200).json();
        assertThat(list.path("items").findValuesAsText("key")).containsExactlyInAnyOrder("production", "staging");
        JsonNode staging = api.get("/v1/projects/" + key + "/environments/staging").expect(200).json();
        assertThat(staging.path("protected").asBoolean()).isFalse();
        assertThat(staging.path("name").asText()).isEqualTo("Staging");
    }

    @Test
    void unknownProjectsAndEnvironmentsAreNotFound() {
        api.get("/v1/projects/nothing-here").expect(404);
        api.get("/v1/projects/nothing-here/environments").expect(404);
        String key = api.project("missing-env");
        AdminFixture.Reply missing = api.get("/v1/projects/" + key + "/environments/nope").expect(404);
        assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(missing.json().path("status").asInt()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).contains("nope");
    }

    @Test
    void theJwtIssuerAndSubjectAreThePrincipalWhenThereIsNoIamCaller() {
        String key = AdminFixture.newProjectKey("jwt");
        AdminFixture.Reply created = api.call("POST", "/v1/projects").asJwtSubject("user-42")
                .json("{\"key\":\"" + key + "\",\"name\":\"J\"}").expect(201);
        String principal = AdminFixture.JWT_ISSUER + "#user-42";
        assertThat(created.json().path("roles").path(principal).asText()).isEqualTo("admin");
        assertThat(created.json().path("updatedBy").asText()).isEqualTo(principal);
    }
}
