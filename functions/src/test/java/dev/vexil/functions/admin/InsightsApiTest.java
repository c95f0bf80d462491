package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.eval.ReasonKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The insights routes over SQLite (flags and history) and the SQLite insights store: exact counts per step, change
 * markers from the flag's history, totals, and 400 problems for bad parameters. Each test has a project of its own;
 * the clock stays at {@link AdminFixture#NOW} (the stale-flag rules, which move it, are in StaleFlagsTest).
 */
class InsightsApiTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private static final Instant T = AdminFixture.NOW;

    private static Instant minute(int m) {
        return T.plusSeconds(60L * m);
    }

    private static EvaluationCount count(String flag, int variation, ReasonKind reason, long n) {
        return new EvaluationCount(flag, variation, reason, n);
    }

    private String configured(String flag) {
        String project = api.project("insights", "production");
        api.booleanFlag(project, flag);
        api.call("PUT", "/v1/projects/" + project + "/environments/production/flags/" + flag)
                .json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        return project;
    }

    @Test
    void aFlagsSeriesHasTheExactCountsPerStepAndTheChangeMarkers() {
        String project = configured("checkout");
        String config = "/v1/projects/" + project + "/environments/production/flags/checkout";
        api.call("PUT", config).ifMatch("\"1\"").json("{\"on\":false,\"offVariation\":1,"
                + "\"fallthrough\":{\"variation\":0}}").expect(200);
        api.insights.add(project, "production", minute(0), List.of(count("checkout", 0, ReasonKind.FALLTHROUGH, 800),
                count("checkout", 0, ReasonKind.FALLTHROUGH, 12), count("other", 0, ReasonKind.OFF, 99)));
        api.insights.add(project, "production", minute(3), List.of(count("checkout", 1, ReasonKind.OFF, 40),
                count("checkout", -1, ReasonKind.ERROR, 2)));
        api.insights.add(project, "production", minute(7), List.of(count("checkout", 1, ReasonKind.OFF, 5)));
        api.insights.add(project, "production", minute(20), List.of(count("checkout", 1, ReasonKind.OFF, 1000)));

        JsonNode body = api.get(config + "/insights").query("from", T.toString())
                .query("to", minute(10).toString()).query("step", "PT5M").expect(200).json();

        assertThat(body).isEqualTo(AdminFixture.json("""
                {"flag":"checkout","from":"2026-12-01T12:00:00Z","to":"2026-12-01T12:10:00Z","step":"PT5M",
                 "series":[{"start":"2026-12-01T12:00:00Z","counts":[
                              {"variation":-1,"reason":"ERROR","count":2},
                              {"variation":0,"reason":"FALLTHROUGH","count":812},
                              {"variation":1,"reason":"OFF","count":40}]},
                           {"start":"2026-12-01T12:05:00Z","counts":[{"variation":1,"reason":"OFF","count":5}]}],
                 "changes":[{"version":1,"at":"2026-12-01T12:00:00Z","principal":"arn:aws:iam::123456789012:user/alice","action":"create"},
                            {"version":2,"at":"2026-12-01T12:00:00Z","principal":"arn:aws:iam::123456789012:user/alice","action":"update"}]}"""));
    }

    @Test
    void changesOutsideTheRangeAreNotMarked() {
        String project = configured("checkout");
        JsonNode body = api.get("/v1/projects/" + project + "/environments/production/flags/checkout/insights")
                .query("from", minute(1).toString()).query("to", minute(2).toString()).expect(200).json();
        assertThat(body.get("changes")).isEmpty();
        assertThat(body.get("series")).isEmpty();
        assertThat(body.get("step").asText()).isEqualTo("PT1H");
    }

    @Test
    void totalsPerFlagForADashboard() {
        String project = configured("checkout");
        api.insights.add(project, "production", minute(0), List.of(count("checkout", 0, ReasonKind.FALLTHROUGH, 700),
                count("checkout", 1, ReasonKind.RULE_MATCH, 300), count(EvaluationCount.UNKNOWN_FLAG, 0,
                        ReasonKind.FALLTHROUGH, 4)));
        api.insights.add(project, "production", minute(2), List.of(count("checkout", 1, ReasonKind.OFF, 200)));
        api.insights.add(project, "production", minute(-120), List.of(count("checkout", 0, ReasonKind.OFF, 1)));

        JsonNode body = api.get("/v1/projects/" + project + "/environments/production/flags/insights")
                .query("from", T.toString()).query("to", minute(60).toString()).expect(200).json();

        assertThat(body).isEqualTo(AdminFixture.json("""
                {"items":[{"flag":"(unknown)","total":4,"counts":[{"variation":0,"count":4}],
                           "lastEvaluatedAt":"2026-12-01T12:00:00Z"},
                          {"flag":"checkout","total":1200,"counts":[{"variation":0,"count":700},{"variation":1,"count":500}],
                           "lastEvaluatedAt":"2026-12-01T12:02:00Z"}]}"""));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"from,yesterday", "to,2026-13-01T00:00:00Z", "step,5 minutes", "step,PT30S", "step,-PT1M",
            "step,PT0M", "from,2026-12-01T13:00:00Z"})
    void malformedParametersGet400ProblemsNamingThem(String name, String value) {
        String project = configured("checkout");
        for (String path : List.of("/flags/checkout/insights", "/flags/insights")) {
            if (name.equals("step") && path.equals("/flags/insights")) {
                continue; // the totals have no step
            }
            AdminFixture.Reply reply = api.get("/v1/projects/" + project + "/environments/production" + path)
                    .query(name, value).query("to", name.equals("to") ? value : "2026-12-01T12:30:00Z").send();
            assertThat(reply.status()).as(path + " " + name + "=" + value + ": " + reply.text()).isEqualTo(400);
            assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(reply.json().at("/errors/0/path").asText()).isEqualTo(name);
        }
    }

    @Test
    void tooManyStepsOrTooLongARangeGet400() {
        String project = configured("checkout");
        String path = "/v1/projects/" + project + "/environments/production/flags/checkout/insights";
        assertThat(api.get(path).query("from", "2026-11-01T00:00:00Z").query("to", "2026-12-01T00:00:00Z")
                .query("step", "PT1M").send().json().at("/errors/0/path").asText()).isEqualTo("step");
        assertThat(api.get(path).query("from", "2026-01-01T00:00:00Z").query("to", "2026-12-01T00:00:00Z")
                .query("step", "P1D").send().status()).isEqualTo(400);
    }

    @Test
    void anUnknownFlagIs404() {
        String project = configured("checkout");
        assertThat(api.get("/v1/projects/" + project + "/environments/production/flags/nope/insights").send()
                .status()).isEqualTo(404);
    }


    @Test
    void aFlagKeyedInsightsCannotBeCreatedBecauseItsPathIsTheTotals() {
        String project = api.project("reserved", "production");
        AdminFixture.Reply refused = api.call("PUT", "/v1/projects/" + project + "/flags/insights")
                .json("{\"name\":\"insights\",\"type\":\"boolean\",\"variations\":[{\"value\":true},"
                        + "{\"value\":false}]}").expect(400);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.errorPaths()).containsExactly("key");
        assertThat(refused.json().path("detail").asText()).contains("\"insights\" is reserved");
        api.get("/v1/projects/" + project + "/flags/insights").expect(404);
        // Keys that merely contain the word are ordinary keys, and the totals route answers as before.
        api.booleanFlag(project, "insights-v2");
        api.get("/v1/projects/" + project + "/environments/production/flags/insights").expect(200);
    }
}
