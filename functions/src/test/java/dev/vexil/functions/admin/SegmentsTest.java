package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SegmentsTest {
    private static final String BETA = "{\"name\":\"Beta testers\",\"included\":[\"alice\"],\"excluded\":[\"mallory\"],"
            + "\"rules\":[{\"id\":\"staff\",\"clauses\":[{\"attribute\":\"email\",\"operator\":\"endsWith\","
            + "\"values\":[\"@example.com\"]}]}]}";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private static String segments(String p) {
        return "/v1/projects/" + p + "/environments/production/segments";
    }

    @Test
    void segmentsAreCreatedReadListedUpdatedAndDeleted() {
        String p = api.project("segments", "production");
        AdminFixture.Reply created = api.call("PUT", segments(p) + "/beta").json(BETA).expect(201);
        assertThat(created.etag()).isEqualTo("\"1\"");
        JsonNode read = api.get(segments(p) + "/beta").expect(200).json();
        assertThat(read.path("key").asText()).isEqualTo("beta");
        assertThat(read.path("included").get(0).asText()).isEqualTo("alice");
        assertThat(read.path("version").asLong()).isEqualTo(1);

        String more = BETA.replace("[\"alice\"]", "[\"alice\",\"bob\"]");
        api.call("PUT", segments(p) + "/beta").json(more).expect(428);
        api.call("PUT", segments(p) + "/beta").ifMatch("\"5\"").json(more).expect(412);
        assertThat(api.call("PUT", segments(p) + "/beta").ifMatch("\"1\"").json(more).expect(200).etag())
                .isEqualTo("\"2\"");
        assertThat(api.get(segments(p)).expect(200).json().path("items").findValuesAsText("key")).containsExactly("beta");

        api.call("DELETE", segments(p) + "/beta").expect(428);
        api.call("DELETE", segments(p) + "/beta").ifMatch("\"1\"").expect(412);
        AdminFixture.Reply deleted = api.call("DELETE", segments(p) + "/beta").ifMatch("\"2\"").expect(204);
        assertThat(deleted.text()).isNull();
        api.get(segments(p) + "/beta").expect(404);
        assertThat(api.get(segments(p)).expect(200).json().path("items")).isEmpty();
        api.call("DELETE", segments(p) + "/beta").ifMatch("\"3\"").expect(404);
    }

    @Test
    void deletingASegmentThatFlagsStillUseIsRefusedNamingThem() {
        String p = api.project("referenced", "production");
        api.call("PUT", segments(p) + "/beta").json(BETA).expect(201);
        String usesBeta = "{\"on\":true,\"rules\":[{\"id\":\"b\",\"clauses\":[{\"attribute\":\"segment\","
                + "\"operator\":\"segmentMatch\",\"values\":[\"beta\"]}],\"serve\":{\"variation\":0}}],"
                + "\"fallthrough\":{\"variation\":1}}";
        for (String flag : new String[] {"zeta-flag", "alpha-flag"}) {
            api.booleanFlag(p, flag);
            api.call("PUT", "/v1/projects/" + p + "/environments/production/flags/" + flag).json(usesBeta).expect(201);
        }
        api.booleanFlag(p, "unrelated");

        AdminFixture.Reply refused = api.call("DELETE", segments(p) + "/beta").ifMatch("\"1\"").expect(409);
        assertThat(refused.json().path("referencedBy").path("flags").toString())
                .isEqualTo("[\"alpha-flag\",\"zeta-flag\"]");
        assertThat(refused.json().path("detail").asText()).contains("alpha-flag").contains("zeta-flag");
        assertThat(api.get(segments(p) + "/beta").expect(200).json().path("version").asLong()).isEqualTo(1);
    }

    @Test
    void aFlagCannotReferToASegmentThatDoesNotExist() {
        String p = api.project("no-segment", "production");
        api.booleanFlag(p, "checkout");
        AdminFixture.Reply refused = api.call("PUT", "/v1/projects/" + p + "/environments/production/flags/checkout")
                .json("{\"on\":true,\"rules\":[{\"id\":\"b\",\"clauses\":[{\"attribute\":\"segment\","
                        + "\"operator\":\"segmentMatch\",\"values\":[\"ghost\"]}],\"serve\":{\"variation\":0}}]}")
                .expect(400);
        assertThat(refused.errorPaths()).contains("rules[0].clauses[0].values[0]");
    }
}
