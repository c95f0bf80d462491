package dev.vexil.functions.admin;

import static dev.vexil.functions.admin.AdminFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RolesTest {
    private static final String VIEWER = "arn:aws:iam::123456789012:user/vera";
    private static final String EDITOR = "arn:aws:iam::123456789012:user/eddie";
    private static final String STRANGER = "arn:aws:iam::999999999999:user/mallory";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();
    static String p;

    @BeforeAll
    static void start() {
        p = api.project("roles", "production");
        api.call("PUT", "/v1/projects/" + p).ifMatch("\"1\"")
                .json("{\"name\":\"roles\",\"roles\":{\"" + ALICE + "\":\"admin\",\"" + VIEWER + "\":\"viewer\",\""
                        + EDITOR + "\":\"editor\"}}").expect(200);
        api.booleanFlag(p, "checkout");
        api.call("PUT", "/v1/projects/" + p + "/environments/production/flags/checkout")
                .json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
    }

    private static String config() {
        return "/v1/projects/" + p + "/environments/production/flags/checkout";
    }

    @Test
    void aViewerReadsButEveryWriteIsForbiddenAndChangesNothing() {
        for (String path : new String[] {"/v1/projects/" + p, "/v1/projects/" + p + "/flags", config(),
                config() + "/history", "/v1/projects/" + p + "/environments",
                "/v1/projects/" + p + "/environments/production/segments",
                "/v1/projects/" + p + "/environments/production/sdk-keys"}) {
            api.get(path).as(VIEWER).expect(200);
        }
        int changes = api.changes.get();
        AdminFixture.Reply refused = api.call("PUT", config()).as(VIEWER).ifMatch("\"1\"")
                .json("{\"on\":false}").expect(403);
        assertThat(refused.json().path("detail").asText()).contains("viewer").contains("editor");
        api.call("POST", config() + "/kill").as(VIEWER).expect(403);
        api.call("POST", config() + "/rollback").as(VIEWER).json("{\"version\":1}").expect(403);
        api.call("PUT", "/v1/projects/" + p + "/flags/checkout").as(VIEWER).ifMatch("\"1\"")
                .json("{\"name\":\"x\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(403);
        api.call("PUT", "/v1/projects/" + p + "/environments/production/segments/s").as(VIEWER).json("{}").expect(403);
        api.call("POST", "/v1/projects/" + p + "/environments/production/sdk-keys").as(VIEWER).expect(403);
        assertThat(api.changes.get()).isEqualTo(changes);
        assertThat(api.get(config()).expect(200).json().path("on").asBoolean()).isTrue();
    }

    @Test
    void anEditorChangesFlagsAndSegmentsButNotEnvironmentsKeysOrRoles() {
        api.call("PUT", "/v1/projects/" + p + "/flags/editor-flag").as(EDITOR)
                .json("{\"name\":\"x\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(201);
        api.call("PUT", "/v1/projects/" + p + "/environments/production/segments/editor-segment").as(EDITOR)
                .json("{\"included\":[\"a\"]}").expect(201);
        api.call("PUT", "/v1/projects/" + p + "/environments/production/flags/editor-flag").as(EDITOR)
                .json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);

        api.call("POST", "/v1/projects/" + p + "/environments").as(EDITOR).json("{\"key\":\"qa\",\"name\":\"QA\"}")
                .expect(403);
        api.call("POST", "/v1/projects/" + p + "/environments/production/sdk-keys").as(EDITOR).expect(403);
        api.call("PUT", "/v1/projects/" + p).as(EDITOR).ifMatch("\"2\"")
                .json("{\"name\":\"mine\",\"roles\":{\"" + EDITOR + "\":\"admin\"}}").expect(403);
    }

    @Test
    void anAdminManagesEnvironmentsAndKeys() {
        api.call("POST", "/v1/projects/" + p + "/environments").json("{\"key\":\"admin-env\",\"name\":\"A\"}").expect(201);
        String id = api.call("POST", "/v1/projects/" + p + "/environments/production/sdk-keys").expect(201).json()
                .path("id").asText();
        api.call("DELETE", "/v1/projects/" + p + "/environments/production/sdk-keys/" + id).as(EDITOR).expect(403);
        api.call("DELETE", "/v1/projects/" + p + "/environments/production/sdk-keys/" + id).expect(200);
    }

    @Test
    void aPrincipalWithoutRoleIsToldTheProjectDoesNotExist() {
        AdminFixture.Reply hidden = api.get("/v1/projects/" + p).as(STRANGER).expect(404);
        AdminFixture.Reply absent = api.get("/v1/projects/no-such-project").as(STRANGER).expect(404);
        assertThat(hidden.json().path("detail").asText().replace(p, "K"))
                .isEqualTo(absent.json().path("detail").asText().replace("no-such-project", "K"));
        api.get(config()).as(STRANGER).expect(404);
        api.call("POST", "/v1/projects/" + p + "/environments/production/evaluate").as(STRANGER)
                .json("{\"contexts\":[{\"key\":\"a\"}]}").expect(404);
        assertThat(api.get("/v1/projects").as(STRANGER).expect(200).json().path("items").findValuesAsText("key"))
                .doesNotContain(p);
    }

    @Test
    void theWildcardGrantsARoleToEveryPrincipalAndTheStrongerRoleWins() {
        String open = api.project("open");
        api.call("PUT", "/v1/projects/" + open).ifMatch("\"1\"")
                .json("{\"name\":\"open\",\"roles\":{\"" + ALICE + "\":\"admin\",\"*\":\"viewer\",\"" + EDITOR
                        + "\":\"editor\"}}").expect(200);
        api.get("/v1/projects/" + open).as(STRANGER).expect(200);
        api.call("PUT", "/v1/projects/" + open + "/flags/f").as(STRANGER)
                .json("{\"name\":\"x\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(403);
        api.call("PUT", "/v1/projects/" + open + "/flags/f").as(EDITOR)
                .json("{\"name\":\"x\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(201);
    }
}
