package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.admin.limits.Quotas;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.store.FlagRepository;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each per-project quota through the admin Lambda handler: a create beyond it gets 409 problem+json naming the
 * quota, and stores nothing; updates and other scopes are unaffected. Run over SQLite and over DynamoDB.
 */
abstract class QuotaScenarios {
    static final Quotas SMALL = new Quotas(2, 3, 2, 2);

    AdminFixture api;

    /** A fresh, empty repository for one test. */
    abstract FlagRepository repository();

    @BeforeEach
    void fixture() {
        api = new AdminFixture(repository(), Clock.fixed(AdminFixture.NOW, ZoneOffset.UTC),
                new AdminLimits(SMALL, WriteRateLimiter.UNLIMITED));
    }

    static void assertQuotaProblem(AdminFixture.Reply reply, String quota, int limit, int current) {
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode body = reply.json();
        assertThat(body.path("type").asText()).isEqualTo("https://vexil.dev/problems/quota-exceeded");
        assertThat(body.path("status").asInt()).isEqualTo(409);
        assertThat(body.path("quota").asText()).isEqualTo(quota);
        assertThat(body.path("limit").asInt()).isEqualTo(limit);
        assertThat(body.path("current").asInt()).isEqualTo(current);
        assertThat(body.path("detail").asText()).contains(quota);
    }

    @Test
    void environmentsPerProject() {
        String p = api.project("quota-env", "dev", "prod");

        AdminFixture.Reply refused = api.call("POST", "/v1/projects/" + p + "/environments")
                .json("{\"key\":\"staging\",\"name\":\"Staging\"}").expect(409);

        assertQuotaProblem(refused, "environments", 2, 2);
        assertThat(api.get("/v1/projects/" + p + "/environments").expect(200).json().path("items")
                .findValuesAsText("key")).containsExactlyInAnyOrder("dev", "prod");
        api.get("/v1/projects/" + p + "/environments/staging").expect(404);
        // an existing key is still the plain conflict it always was, not a quota
        assertThat(api.call("POST", "/v1/projects/" + p + "/environments").json("{\"key\":\"dev\",\"name\":\"D\"}")
                .expect(409).json().path("type").asText()).endsWith("/conflict");
        // the quota is per project
        api.project("quota-env-other", "dev", "prod");
    }

    @Test
    void flagsPerProjectCountCreatesOnlyNotUpdates() {
        String p = api.project("quota-flags", "dev");
        for (String flag : new String[] {"a", "b", "c"}) {
            api.booleanFlag(p, flag);
        }

        AdminFixture.Reply refused = api.call("PUT", "/v1/projects/" + p + "/flags/d")
                .json("{\"name\":\"d\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .send();

        assertThat(refused.status()).isEqualTo(409);
        assertQuotaProblem(refused, "flags", 3, 3);
        api.get("/v1/projects/" + p + "/flags/d").expect(404);
        api.call("PUT", "/v1/projects/" + p + "/flags/a").ifMatch("\"1\"")
                .json("{\"name\":\"renamed\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(200);
    }

    @Test
    void segmentsPerEnvironmentAndADeletedOneFreesItsPlace() {
        String p = api.project("quota-segments", "dev", "prod");
        String segments = "/v1/projects/" + p + "/environments/dev/segments/";
        api.call("PUT", segments + "one").json("{\"name\":\"One\",\"included\":[\"u1\"]}").expect(201);
        api.call("PUT", segments + "two").json("{\"name\":\"Two\"}").expect(201);

        AdminFixture.Reply refused = api.call("PUT", segments + "three").json("{\"name\":\"Three\"}").send();

        assertThat(refused.status()).isEqualTo(409);
        assertQuotaProblem(refused, "segments", 2, 2);
        api.get(segments + "three").expect(404);
        api.call("PUT", "/v1/projects/" + p + "/environments/prod/segments/three").json("{\"name\":\"Three\"}")
                .expect(201);
        api.call("DELETE", segments + "two").ifMatch("\"1\"").expect(204);
        api.call("PUT", segments + "three").json("{\"name\":\"Three\"}").expect(201);
    }

    @Test
    void activeSdkKeysPerEnvironmentAndARevokedOneFreesItsPlace() {
        String p = api.project("quota-keys", "dev");
        String keys = "/v1/projects/" + p + "/environments/dev/sdk-keys";
        String first = api.call("POST", keys).expect(201).json().path("id").asText();
        api.call("POST", keys).expect(201);

        AdminFixture.Reply refused = api.call("POST", keys).send();

        assertThat(refused.status()).isEqualTo(409);
        assertQuotaProblem(refused, "sdkKeys", 2, 2);
        assertThat(api.get(keys).expect(200).json().path("items").size()).isEqualTo(2);
        api.call("DELETE", keys + "/" + first).expect(200);
        api.call("POST", keys).expect(201);
    }
}
