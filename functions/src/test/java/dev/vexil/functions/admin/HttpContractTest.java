package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP behaviour common to every route: routing errors, bodies, authentication, the problem format. */
class HttpContractTest {
    @TempDir
    static Path directory;
    static AdminFixture api;

    @BeforeAll
    static void start() {
        api = new AdminFixture(directory);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void unknownRoutesGet404Problems() {
        for (String path : new String[] {"/", "/v2/projects", "/v1/projects/x/unknown", "/v1/projects/x/flags/y/z"}) {
            AdminFixture.Reply reply = api.get(path).expect(404);
            JsonNode problem = reply.json();
            assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(problem.path("type").asText()).isEqualTo("https://vexil.dev/problems/not-found");
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("status").asInt()).isEqualTo(404);
            assertThat(problem.path("instance").asText()).isEqualTo(path);
            assertThat(problem.path("errors").isArray()).isTrue();
        }
    }

    @Test
    void aKnownPathWithAnotherMethodGets405WithAllow() {
        AdminFixture.Reply reply = api.call("DELETE", "/v1/projects").expect(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, POST");
        AdminFixture.Reply segment = api.call("POST", "/v1/projects/p/environments/e/segments/s").expect(405);
        assertThat(segment.header("Allow")).isEqualTo("DELETE, GET, PUT");
    }

    @Test
    void aRequestWithoutPrincipalGets401() {
        AdminFixture.Reply reply = api.get("/v1/projects").anonymous().expect(401);
        assertThat(reply.json().path("type").asText()).endsWith("/unauthenticated");
    }

    @Test
    void malformedJsonGets400WithItsLocationAndNoProjectIsCreated() {
        String key = AdminFixture.newProjectKey("broken");
        AdminFixture.Reply reply = api.call("POST", "/v1/projects").json("{\"key\":\"" + key + "\",\n \"name\": }")
                .expect(400);
        assertThat(reply.json().path("line").asInt()).isEqualTo(2);
        assertThat(reply.json().path("column").asInt()).isPositive();
        assertThat(reply.json().path("detail").asText()).contains("line 2");
        api.call("POST", "/v1/projects").json("{\"key\":\"" + key + "\",\"name\":\"a\",}").expect(400);
        api.call("POST", "/v1/projects").json("{\"key\":\"" + key + "\",\"name\":\"a\",\"name\":\"b\"}").expect(400);
        api.call("POST", "/v1/projects").json("{\"key\":\"" + key + "\",\"name\":\"a\"} {}").expect(400);
        api.get("/v1/projects/" + key).expect(404);
    }

    @Test
    void aMissingBodyIsABadRequest() {
        api.call("POST", "/v1/projects").header("content-type", "application/json").expect(400);
    }

    @Test
    void aBodyOfAnotherMediaTypeGets415() {
        String key = AdminFixture.newProjectKey("media");
        String body = "{\"key\":\"" + key + "\",\"name\":\"m\"}";
        api.call("POST", "/v1/projects").raw(body, "text/plain").expect(415);
        api.call("POST", "/v1/projects").raw(body, null).expect(415);
        api.call("POST", "/v1/projects").raw(body, "application/x-www-form-urlencoded").expect(415);
        api.get("/v1/projects/" + key).expect(404);
        api.call("POST", "/v1/projects").raw(body, "application/json; charset=utf-8").expect(201);
        api.call("POST", "/v1/projects").raw(body.replace(key, key + "-x"), "application/merge-patch+json").expect(201);
    }

    @Test
    void aBodyOverTheLimitGets413AndChangesNothing() {
        String key = AdminFixture.newProjectKey("huge");
        String name = "x".repeat(262_144);
        AdminFixture.Reply reply = api.call("POST", "/v1/projects")
                .json("{\"key\":\"" + key + "\",\"name\":\"" + name + "\"}").expect(413);
        assertThat(reply.json().path("limit").asInt()).isEqualTo(262_144);
        api.get("/v1/projects/" + key).expect(404);
        // Just under the limit is parsed (and refused for its content, not its size).
        String fits = "{\"key\":\"" + key + "\",\"name\":\"" + "y".repeat(262_000) + "\"}";
        api.call("POST", "/v1/projects").json(fits).expect(400);
    }

    @Test
    void base64EncodedBodiesAreDecoded() {
        String key = AdminFixture.newProjectKey("b64");
        api.call("POST", "/v1/projects").base64Json("{\"key\":\"" + key + "\",\"name\":\"Ünïcödé\"}").expect(201);
        assertThat(api.get("/v1/projects/" + key).expect(200).json().path("name").asText()).isEqualTo("Ünïcödé");
        AdminFixture.Reply broken = api.call("POST", "/v1/projects").base64Raw("%%% not base64 %%%").expect(400);
        assertThat(broken.json().path("detail").asText()).contains("base64");
    }

    @Test
    void aMalformedIfMatchIsABadRequest() {
        String key = api.project("etag");
        api.call("PUT", "/v1/projects/" + key).ifMatch("\"abc\"").json("{\"name\":\"n\"}").expect(400);
        api.call("PUT", "/v1/projects/" + key).ifMatch("W/\"1\"").json("{\"name\":\"n\"}").expect(412);
        api.call("PUT", "/v1/projects/" + key).ifMatch("*").json("{\"name\":\"n\"}").expect(200);
    }

    @Test
    void anEventThatCannotBeReadIsABadRequestProblem() {
        var response = api.handler.handleRequest(null, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(AdminFixture.json(response.getBody()).path("type").asText()).endsWith("/invalid-request");
    }

    @Test
    void aCursorThatIsNotOursIsABadRequest() {
        AdminFixture.Reply reply = api.get("/v1/projects").query("cursor", "not-a-cursor!").expect(400);
        assertThat(reply.errorPaths()).containsExactly("cursor");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}={1} on {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ' ', value = {
            "limit 201 /v1/projects", "limit 99999999999999999999 /v1/projects", "limit 2147483648 /v1/projects",
            "limit -1 /v1/projects", "limit 1.5 /v1/projects", "limit 1e3 /v1/projects",
            "cursor e30 /v1/projects", "cursor AAAA /v1/projects", "cursor bnVsbA /v1/projects",
            "limit 201 /v1/projects/{p}/flags", "cursor W10 /v1/projects/{p}/flags", "cursor !!! /v1/projects/{p}/flags"})
    void aQueryParameterOutOfRangeOrNotOursIsABadRequestNamingIt(String name, String value, String path) {
        String project = api.project("query");
        AdminFixture.Reply reply = api.get(path.replace("{p}", project)).query(name, value).expect(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.errorPaths()).containsExactly(name);
    }

    @Test
    void aNamedStagePrefixIsIgnored() {
        String key = api.project("stage");
        api.get("/prod/v1/projects/" + key).stage("prod").expect(200);
        api.get("/prod/v1/projects/" + key).expect(404);
    }
}
