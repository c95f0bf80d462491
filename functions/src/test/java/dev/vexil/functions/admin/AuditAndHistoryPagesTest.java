package dev.vexil.functions.admin;

import static dev.vexil.functions.admin.AdminFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** History pages of flags and segments, segment rollback, and the environment and project audit logs. */
class AuditAndHistoryPagesTest {
    private static final String VIEWER = "arn:aws:iam::123456789012:user/vera";
    private static final String STRANGER = "arn:aws:iam::999999999999:user/mallory";
    private static final String BETA = "{\"name\":\"Beta\",\"included\":[\"alice\"]}";
    private static final String BETA_TWO = "{\"name\":\"Beta\",\"included\":[\"alice\",\"bob\"]}";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private static String env(String p) {
        return "/v1/projects/" + p + "/environments/production";
    }

    /** A project where vera is a viewer, flag "checkout" has {@code versions} versions, segment "beta" two. */
    private static String project(String hint, int versions) {
        String p = api.project(hint, "production");
        api.call("PUT", "/v1/projects/" + p).ifMatch("\"1\"").json("{\"name\":\"" + hint + "\",\"roles\":{\""
                + ALICE + "\":\"admin\",\"" + VIEWER + "\":\"viewer\"}}").expect(200);
        api.booleanFlag(p, "checkout");
        api.call("PUT", env(p) + "/flags/checkout").json("{\"on\":false,\"fallthrough\":{\"variation\":0}}")
                .expect(201);
        for (int v = 2; v <= versions; v++) {
            api.call("PUT", env(p) + "/flags/checkout").ifMatch("\"" + (v - 1) + "\"")
                    .json("{\"on\":" + (v % 2 == 0) + ",\"fallthrough\":{\"variation\":0}}").expect(200);
        }
        api.call("PUT", env(p) + "/segments/beta").json(BETA).expect(201);
        api.call("PUT", env(p) + "/segments/beta").ifMatch("\"1\"").json(BETA_TWO).expect(200);
        return p;
    }

    private static List<Long> versions(JsonNode page) {
        List<Long> versions = new ArrayList<>();
        page.path("items").forEach(i -> versions.add(i.path("version").asLong()));
        return versions;
    }

    private static void refusesParameter(String path, String name, String value) {
        JsonNode problem = api.get(path).query(name, value).expect(400).json();
        assertThat(problem.path("errors").get(0).path("path").asText()).as(name + "=" + value).isEqualTo(name);
    }

    @Test
    void flagHistoryPagesWithLimitAndCursor() {
        String p = project("history-pages", 5);
        String history = env(p) + "/flags/checkout/history";
        JsonNode first = api.get(history).query("limit", "2").expect(200).json();
        assertThat(versions(first)).containsExactly(5L, 4L);
        JsonNode second = api.get(history).query("limit", "2").query("cursor", first.path("nextCursor").asText())
                .expect(200).json();
        assertThat(versions(second)).containsExactly(3L, 2L);
        JsonNode last = api.get(history).query("limit", "2").query("cursor", second.path("nextCursor").asText())
                .expect(200).json();
        assertThat(versions(last)).containsExactly(1L);
        assertThat(last.has("nextCursor")).isFalse();
        assertThat(versions(api.get(history).expect(200).json())).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(versions(api.get(history).query("limit", "500").expect(200).json())).hasSize(5);

        refusesParameter(history, "limit", "0");
        refusesParameter(history, "limit", "501");
        refusesParameter(history, "limit", "ten");
        refusesParameter(history, "cursor", "not-a-cursor");
        api.get(history).as(VIEWER).expect(200);
        api.get(history).as(STRANGER).expect(404);
    }

    @Test
    void segmentHistoryAndRollback() {
        String p = project("segment-rollback", 1);
        String segment = env(p) + "/segments/beta";
        assertThat(versions(api.get(segment + "/history").expect(200).json())).containsExactly(2L, 1L);

        JsonNode restored = api.call("POST", segment + "/rollback").comment("back to alice only")
                .json("{\"version\":1}").expect(200).json();
        assertThat(restored.path("version").asLong()).isEqualTo(3);
        assertThat(restored.path("included")).isEqualTo(AdminFixture.json("[\"alice\"]"));
        JsonNode newest = api.get(segment + "/history").query("limit", "1").expect(200).json().path("items").get(0);
        assertThat(newest.path("action").asText()).isEqualTo("rollback");
        assertThat(newest.path("comment").asText()).isEqualTo("back to alice only");
        assertThat(newest.path("content").path("included")).isEqualTo(AdminFixture.json("[\"alice\"]"));

        api.call("POST", segment + "/rollback").json("{\"version\":9}").expect(404);
        api.call("POST", segment + "/rollback").json("{}").expect(400);
        api.call("POST", segment + "/rollback").ifMatch("\"1\"").json("{\"version\":1}").expect(412);
        api.call("POST", segment + "/rollback").as(VIEWER).json("{\"version\":1}").expect(403);
        api.call("POST", segment + "/rollback").as(STRANGER).json("{\"version\":1}").expect(404);
        api.call("DELETE", segment).ifMatch("\"3\"").expect(204);
        api.call("POST", segment + "/rollback").json("{\"version\":4}").expect(409); // the deletion itself
        api.call("POST", segment + "/rollback").json("{\"version\":1}").expect(404); // deleted: PUT it again
        assertThat(versions(api.get(segment + "/history").expect(200).json())).containsExactly(4L, 3L, 2L, 1L);
        api.get(segment + "/history").as(STRANGER).expect(404);
    }

    @Test
    void environmentAndProjectAuditLogs() {
        String p = project("audit", 2);
        String envAudit = env(p) + "/audit";
        String projectAudit = "/v1/projects/" + p + "/audit";

        List<String> envEntries = new ArrayList<>();
        api.get(envAudit).expect(200).json().path("items").forEach(e -> envEntries.add(
                e.path("resourceType").asText() + " " + e.path("resourceKey").asText() + " v" + e.path("version")
                        .asLong()));
        assertThat(envEntries).containsExactlyInAnyOrder("FLAG_CONFIG checkout v1", "FLAG_CONFIG checkout v2",
                "SEGMENT beta v1", "SEGMENT beta v2");
        JsonNode entry = api.get(envAudit).query("resourceType", "FLAG_CONFIG").query("limit", "1").expect(200)
                .json().path("items").get(0);
        assertThat(entry.path("principal").asText()).isEqualTo(ALICE);
        assertThat(entry.path("at").asText()).isEqualTo(AdminFixture.NOW.toString());
        assertThat(entry.path("environment").asText()).isEqualTo("production");
        assertThat(entry.has("diff")).isTrue();

        List<String> types = new ArrayList<>();
        api.get(projectAudit).query("limit", "500").expect(200).json().path("items")
                .forEach(e -> types.add(e.path("resourceType").asText()));
        assertThat(types).contains("PROJECT", "ENVIRONMENT", "FLAG_DEFINITION", "SEGMENT")
                .doesNotContain("FLAG_CONFIG");
        assertThat(types.stream().filter("PROJECT"::equals)).hasSize(2); // created, then roles changed

        // filters apply before paging: one entry per page, only the segment's
        JsonNode page = api.get(envAudit).query("resourceKey", "beta").query("limit", "1").expect(200).json();
        assertThat(page.path("items").get(0).path("resourceKey").asText()).isEqualTo("beta");
        JsonNode next = api.get(envAudit).query("resourceKey", "beta").query("limit", "1")
                .query("cursor", page.path("nextCursor").asText()).expect(200).json();
        assertThat(next.path("items").get(0).path("resourceKey").asText()).isEqualTo("beta");
        assertThat(next.has("nextCursor")).isFalse();
        assertThat(api.get(envAudit).query("principal", VIEWER).expect(200).json().path("items")).isEmpty();
        assertThat(api.get(envAudit).query("to", AdminFixture.NOW.toString()).expect(200).json().path("items"))
                .isEmpty();
        assertThat(api.get(envAudit).query("from", AdminFixture.NOW.toString()).expect(200).json().path("items"))
                .hasSize(4);

        // a cursor belongs to its log
        String other = project("audit-other", 1);
        refusesParameter(env(other) + "/audit", "cursor", page.path("nextCursor").asText());
        refusesParameter(projectAudit, "cursor", page.path("nextCursor").asText());

        refusesParameter(envAudit, "from", "yesterday");
        refusesParameter(envAudit, "to", "2026-13-01T00:00:00Z");
        refusesParameter(envAudit, "resourceType", "FLAG_DEFINITION"); // not in an environment's log
        refusesParameter(projectAudit, "resourceType", "flag");
        refusesParameter(envAudit, "resourceKey", "Not A Key");
        refusesParameter(envAudit, "principal", "");
        refusesParameter(envAudit, "limit", "1000");
        JsonNode reversed = api.get(envAudit).query("from", "2026-12-02T00:00:00Z").query("to", "2026-12-01T00:00:00Z")
                .expect(400).json();
        assertThat(reversed.path("errors").get(0).path("path").asText()).isEqualTo("to");

        api.get(envAudit).as(VIEWER).expect(200);
        api.get(projectAudit).as(VIEWER).expect(200);
        api.get(envAudit).as(STRANGER).expect(404);
        api.get(projectAudit).as(STRANGER).expect(404);
        api.get("/v1/projects/no-such-project/audit").expect(404);
    }
}
