package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each malformed body gets a 400 problem naming the offending field, and the store is unchanged: no change was
 * committed (the SQLite change feed stays silent) and every listing reads the same before and after.
 */
class MalformedBodiesTest {
    private static final String PROJECT = "/v1/projects/{p}";
    private static final String ENV = PROJECT + "/environments/production";
    private static final String CONFIG = ENV + "/flags/checkout";
    private static final String DEFINITION = PROJECT + "/flags/checkout";
    private static final String SEGMENT = ENV + "/segments/beta";
    private static final String VARIATIONS = "\"variations\":[{\"value\":true},{\"value\":false}]";
    private static final String DEFINITION_BODY = "{\"name\":\"x\",\"type\":\"boolean\"," + VARIATIONS + "}";

    @TempDir
    static Path directory;
    static AdminFixture api;
    static String project;

    @BeforeAll
    static void start() {
        api = new AdminFixture(directory);
        project = api.project("malformed", "production");
        api.booleanFlag(project, "checkout");
        api.call("PUT", CONFIG.replace("{p}", project)).json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        api.call("PUT", SEGMENT.replace("{p}", project)).json("{\"included\":[\"alice\"]}").expect(201);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Arguments bad(String name, String method, String path, String ifMatch, String body,
                                 String expectedPath) {
        return Arguments.of(name, method, path, ifMatch, body, expectedPath);
    }

    private static String clause(String operator, String values) {
        return "{\"on\":true,\"rules\":[{\"id\":\"r\",\"clauses\":[{\"attribute\":\"a\",\"operator\":\"" + operator
                + "\",\"values\":" + values + "}],\"serve\":{\"variation\":0}}]}";
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                // projects
                bad("project without key", "POST", "/v1/projects", null, "{\"name\":\"x\"}", "key"),
                bad("project key with spaces", "POST", "/v1/projects", null, "{\"key\":\"Bad Key\",\"name\":\"x\"}", "key"),
                bad("project name not a string", "POST", "/v1/projects", null, "{\"key\":\"okay\",\"name\":5}", "name"),
                bad("project role unknown", "POST", "/v1/projects", null,
                        "{\"key\":\"okay\",\"name\":\"x\",\"roles\":{\"bob\":\"owner\"}}", "roles.bob"),
                bad("project roles without admin", "POST", "/v1/projects", null,
                        "{\"key\":\"okay\",\"name\":\"x\",\"roles\":{\"bob\":\"viewer\"}}", "roles"),
                bad("project unknown member", "POST", "/v1/projects", null,
                        "{\"key\":\"okay\",\"name\":\"x\",\"owner\":\"me\"}", "owner"),
                bad("project body an array", "POST", "/v1/projects", null, "[]", ""),
                bad("project update blank name", "PUT", PROJECT, "\"1\"", "{\"name\":\" \"}", "name"),
                // environments
                bad("environment without name", "POST", PROJECT + "/environments", null, "{\"key\":\"qa\"}", "name"),
                bad("environment protected not boolean", "POST", PROJECT + "/environments", null,
                        "{\"key\":\"qa\",\"name\":\"QA\",\"protected\":\"yes\"}", "protected"),
                bad("environment key starting with a dash", "POST", PROJECT + "/environments", null,
                        "{\"key\":\"-qa\",\"name\":\"QA\"}", "key"),
                // flag definitions
                bad("variation of the wrong type", "PUT", DEFINITION, "\"1\"",
                        "{\"name\":\"x\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":\"no\"}]}",
                        "variations[1].value"),
                bad("unknown flag type", "PUT", DEFINITION, "\"1\"",
                        "{\"name\":\"x\",\"type\":\"colour\"," + VARIATIONS + "}", "type"),
                bad("definition without name", "PUT", DEFINITION, "\"1\"", "{\"type\":\"boolean\"," + VARIATIONS + "}",
                        "name"),
                bad("definition key differs from the URL", "PUT", DEFINITION, "\"1\"",
                        "{\"key\":\"other\",\"name\":\"x\",\"type\":\"boolean\"," + VARIATIONS + "}", "key"),
                bad("definition tag not a key", "PUT", DEFINITION, "\"1\"",
                        "{\"name\":\"x\",\"type\":\"boolean\"," + VARIATIONS + ",\"tags\":[\"Bad Tag\"]}", "tags[0]"),
                bad("definition temporary not boolean", "PUT", DEFINITION, "\"1\"",
                        "{\"name\":\"x\",\"type\":\"boolean\"," + VARIATIONS + ",\"temporary\":\"yes\"}", "temporary"),
                bad("definition unknown member", "PUT", DEFINITION, "\"1\"",
                        "{\"name\":\"x\",\"type\":\"boolean\"," + VARIATIONS + ",\"colour\":\"red\"}", "colour"),
                bad("definition duplicate variation values", "PUT", DEFINITION, "\"1\"",
                        "{\"name\":\"x\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":true}]}",
                        "variations[1].value"),
                bad("definition variations not an array", "PUT", DEFINITION, "\"1\"",
                        "{\"name\":\"x\",\"type\":\"boolean\",\"variations\":{}}", "variations"),
                // keys named only by the URL: they would become the stored key
                bad("definition URL key in capitals", "PUT", PROJECT + "/flags/BAD", null, DEFINITION_BODY, "key"),
                bad("definition URL key with a space", "PUT", PROJECT + "/flags/a%20b", null, DEFINITION_BODY, "key"),
                bad("definition URL key with a NUL", "PUT", PROJECT + "/flags/%00", null, DEFINITION_BODY, "key"),
                bad("definition URL key of dots", "PUT", PROJECT + "/flags/..", null, DEFINITION_BODY, "key"),
                bad("definition URL key of 65 characters", "PUT", PROJECT + "/flags/" + "x".repeat(65), null,
                        DEFINITION_BODY, "key"),
                bad("definition URL key not ASCII", "PUT", PROJECT + "/flags/%C3%A9", null, DEFINITION_BODY, "key"),
                bad("segment URL key starting with a dash", "PUT", ENV + "/segments/-beta", null,
                        "{\"included\":[\"a\"]}", "key"),
                bad("segment URL key starting with an underscore", "PUT", ENV + "/segments/_beta", null,
                        "{\"excluded\":[\"a\"]}", "key"),
                // flag configurations
                bad("on not a boolean", "PUT", CONFIG, "\"1\"", "{\"on\":\"yes\"}", "on"),
                bad("fallthrough variation out of range", "PUT", CONFIG, "\"1\"",
                        "{\"on\":true,\"fallthrough\":{\"variation\":5}}", "fallthrough.variation"),
                bad("negative off variation", "PUT", CONFIG, "\"1\"", "{\"on\":true,\"offVariation\":-1}", "offVariation"),
                bad("target keys not an array", "PUT", CONFIG, "\"1\"",
                        "{\"on\":true,\"targets\":[{\"variation\":0,\"keys\":\"alice\"}]}", "targets[0].keys"),
                bad("lessThan with a string", "PUT", CONFIG, "\"1\"", clause("lessThan", "[\"ten\"]"),
                        "rules[0].clauses[0].values[0]"),
                bad("unknown operator", "PUT", CONFIG, "\"1\"", clause("sortOf", "[\"x\"]"), "rules[0].clauses[0].operator"),
                bad("invalid regex", "PUT", CONFIG, "\"1\"", clause("matches", "[\"(\"]"), "rules[0].clauses[0].values[0]"),
                bad("invalid semver", "PUT", CONFIG, "\"1\"", clause("semVerEqual", "[\"1.x\"]"),
                        "rules[0].clauses[0].values[0]"),
                bad("invalid date", "PUT", CONFIG, "\"1\"", clause("before", "[\"yesterday\"]"),
                        "rules[0].clauses[0].values[0]"),
                bad("invalid CIDR", "PUT", CONFIG, "\"1\"", clause("inCidr", "[\"300.1.1.1/8\"]"),
                        "rules[0].clauses[0].values[0]"),
                bad("unknown segment", "PUT", CONFIG, "\"1\"", clause("segmentMatch", "[\"ghost\"]"),
                        "rules[0].clauses[0].values[0]"),
                bad("rollout weights not summing to 100000", "PUT", CONFIG, "\"1\"",
                        "{\"on\":true,\"fallthrough\":{\"rollout\":{\"variations\":[{\"variation\":0,\"weight\":30000},"
                                + "{\"variation\":1,\"weight\":30000}]}}}", "fallthrough.rollout.variations"),
                bad("prerequisite on an unknown flag", "PUT", CONFIG, "\"1\"",
                        "{\"on\":true,\"prerequisites\":[{\"flag\":\"ghost\",\"variation\":0}]}", "prerequisites[0].flag"),
                bad("prerequisite on itself", "PUT", CONFIG, "\"1\"",
                        "{\"on\":true,\"prerequisites\":[{\"flag\":\"checkout\",\"variation\":0}]}", "prerequisites[0].flag"),
                bad("config unknown member", "PUT", CONFIG, "\"1\"", "{\"on\":true,\"colour\":\"red\"}", "colour"),
                bad("rules not an array", "PUT", CONFIG, "\"1\"", "{\"on\":true,\"rules\":{}}", "rules"),
                bad("staleness with an unknown policy", "PUT", CONFIG, "\"1\"",
                        "{\"on\":true,\"staleness\":{\"maxAgeSeconds\":60,\"onStale\":\"panic\"}}", "staleness.onStale"),
                bad("config body is null", "PUT", CONFIG, "\"1\"", "null", ""),
                // segments
                bad("segment included not an array", "PUT", SEGMENT, "\"1\"", "{\"included\":\"alice\"}", "included"),
                bad("segment key differs from the URL", "PUT", SEGMENT, "\"1\"", "{\"key\":\"other\"}", "key"),
                bad("segment rule with an unknown operator", "PUT", SEGMENT, "\"1\"",
                        "{\"rules\":[{\"clauses\":[{\"attribute\":\"a\",\"operator\":\"sortOf\",\"values\":[1]}]}]}",
                        "rules[0].clauses[0].operator"),
                bad("segment rule weight too large", "PUT", SEGMENT, "\"1\"",
                        "{\"rules\":[{\"clauses\":[{\"attribute\":\"a\",\"operator\":\"in\",\"values\":[1]}],"
                                + "\"weight\":200000}]}", "rules[0].weight"),
                // kill and rollback
                bad("rollback version as a string", "POST", CONFIG + "/rollback", null, "{\"version\":\"1\"}", "version"),
                bad("rollback version zero", "POST", CONFIG + "/rollback", null, "{\"version\":0}", "version"),
                bad("rollback without version", "POST", CONFIG + "/rollback", null, "{}", "version"),
                bad("rollback unknown member", "POST", CONFIG + "/rollback", null, "{\"version\":1,\"force\":true}", "force"),
                bad("kill comment not a string", "POST", CONFIG + "/kill", null, "{\"comment\":5}", "comment"),
                bad("kill unknown member", "POST", CONFIG + "/kill", null, "{\"reason\":\"x\"}", "reason"),
                // SDK keys
                bad("SDK key name not a string", "POST", ENV + "/sdk-keys", null, "{\"name\":7}", "name"),
                // dry-run
                bad("evaluate without contexts", "POST", ENV + "/evaluate", null, "{}", "contexts"),
                bad("evaluate with no contexts", "POST", ENV + "/evaluate", null, "{\"contexts\":[]}", "contexts"),
                bad("context without key", "POST", ENV + "/evaluate", null, "{\"contexts\":[{\"country\":\"DE\"}]}",
                        "contexts[0].key"),
                bad("context attribute holding an object", "POST", ENV + "/evaluate", null,
                        "{\"contexts\":[{\"key\":\"a\"},{\"key\":\"b\",\"tags\":[{\"x\":1}]}]}", "contexts[1].tags[0]"),
                bad("context not an object", "POST", ENV + "/evaluate", null, "{\"contexts\":[\"alice\"]}", "contexts[0]"),
                bad("evaluate an unknown flag", "POST", ENV + "/evaluate", null,
                        "{\"contexts\":[{\"key\":\"a\"}],\"flags\":[\"ghost\"]}", "flags[0]"),
                bad("proposal that is invalid", "POST", ENV + "/evaluate", null,
                        "{\"contexts\":[{\"key\":\"a\"}],\"proposed\":{\"checkout\":{\"on\":\"x\"}}}", "proposed.checkout.on"),
                bad("proposal for an unknown flag", "POST", ENV + "/evaluate", null,
                        "{\"contexts\":[{\"key\":\"a\"}],\"proposed\":{\"ghost\":{\"on\":true}}}", "proposed.ghost"),
                bad("evaluate unknown member", "POST", ENV + "/evaluate", null,
                        "{\"contexts\":[{\"key\":\"a\"}],\"context\":{}}", "context"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void isRefusedWithItsPathAndChangesNothing(String name, String method, String path, String ifMatch, String body,
                                               String expectedPath) {
        List<String> before = storeView();
        int changes = api.changes.get();

        AdminFixture.Call call = api.call(method, path.replace("{p}", project)).json(body);
        if (ifMatch != null) {
            call.ifMatch(ifMatch);
        }
        AdminFixture.Reply reply = call.send();

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asText()).isEqualTo("https://vexil.dev/problems/invalid-request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(reply.errorPaths()).as(reply.text()).contains(expectedPath);
        assertThat(api.changes.get()).isEqualTo(changes);
        assertThat(storeView()).isEqualTo(before);
    }

    @Test
    void thereAreAtLeastThirtyDistinctCases() {
        assertThat(malformedBodies().map(a -> a.get()[4]).distinct().count()).isGreaterThanOrEqualTo(30);
    }

    /** Everything a malformed request could have touched, as read through the API. */
    private static List<String> storeView() {
        String p = "/v1/projects/" + project;
        List<String> view = new ArrayList<>();
        for (String path : List.of("/v1/projects", p, p + "/environments", p + "/flags", p + "/flags/checkout",
                p + "/environments/production/flags/checkout", p + "/environments/production/flags/checkout/history",
                p + "/environments/production/segments", p + "/environments/production/sdk-keys")) {
            AdminFixture.Reply reply = api.get(path).expect(200);
            view.add(path + " " + reply.etag() + " " + reply.text());
        }
        return view;
    }
}
