package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.eval.ReasonKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three stale-flag rules, judged at a clock the test moves: each rule fires only once its N days have passed,
 * a change restarts the wait, and flags in real use are never listed.
 */
class StaleFlagsTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private String project;

    @BeforeEach
    void newProject() {
        api.clock.set(AdminFixture.NOW);
        project = api.project("stale", "production");
    }

    private void define(String flag, boolean temporary) {
        api.call("PUT", "/v1/projects/" + project + "/flags/" + flag).json("{\"name\":\"" + flag
                + "\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}],\"temporary\":"
                + temporary + "}").expect(201);
    }

    private AdminFixture.Call config(String flag) {
        return api.call("PUT", "/v1/projects/" + project + "/environments/production/flags/" + flag);
    }

    /** Counts for one day of evaluations, in the minute {@code daysAfterStart} days after NOW. */
    private void evaluated(String flag, int daysAfterStart, int variation, long n) {
        Instant minute = AdminFixture.NOW.plus(Duration.ofDays(daysAfterStart)).truncatedTo(ChronoUnit.MINUTES);
        api.insights.add(project, "production", minute, List.of(new EvaluationCount(flag, variation,
                variation < 0 ? ReasonKind.ERROR : ReasonKind.FALLTHROUGH, n)));
    }

    /** flag → its rules, at the clock's time now. */
    private Map<String, List<String>> staleAt(int day, String... query) {
        api.clock.set(AdminFixture.NOW.plus(Duration.ofDays(day)));
        AdminFixture.Call call = api.get("/v1/projects/" + project + "/environments/production/stale-flags");
        for (int i = 0; i + 1 < query.length; i += 2) {
            call.query(query[i], query[i + 1]);
        }
        JsonNode body = call.expect(200).json();
        Map<String, List<String>> stale = new TreeMap<>();
        for (JsonNode item : body.get("items")) {
            stale.put(item.get("flag").asText(), item.get("reasons").findValuesAsText("rule"));
        }
        return stale;
    }

    @Test
    void aTemporaryFlagServingOneVariationForNDays() {
        define("done", true);
        define("permanent", false);
        config("done").json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        config("permanent").json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        for (int day = 0; day <= 20; day++) {
            evaluated("done", day, 0, 1000);
            evaluated("permanent", day, 0, 1000);
        }
        assertThat(staleAt(13)).isEmpty(); // configured 13 days ago: not yet N = 14 days
        assertThat(staleAt(15)).isEqualTo(Map.of("done", List.of("single-variation")));
        JsonNode item = api.get("/v1/projects/" + project + "/environments/production/stale-flags").expect(200)
                .json();
        assertThat(item.get("days").asInt()).isEqualTo(14);
        assertThat(item.at("/items/0/reasons/0/message").asText())
                .isEqualTo("temporary flag served variation 0 to all 14000 evaluations in the last 14 days");
        assertThat(item.at("/items/0/lastEvaluatedAt").asText()).isEqualTo("2026-12-21T12:00:00Z");
        evaluated("done", 16, 1, 1); // one evaluation of another variation within the last 14 days
        assertThat(staleAt(17)).isEmpty();
        evaluated("done", 18, -1, 1);
        assertThat(staleAt(40)).isEqualTo(Map.of("done", List.of("no-evaluations"),
                "permanent", List.of("no-evaluations")));
    }

    @Test
    void aFlagNobodyEvaluatesForNDays() {
        define("unused", false);
        define("used", false);
        define("never-configured", false);
        config("unused").json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        config("used").json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        evaluated("unused", 2, 0, 5);
        evaluated("used", 12, 1, 5);
        assertThat(staleAt(10)).isEmpty();
        assertThat(staleAt(17)).isEqualTo(Map.of("unused", List.of("no-evaluations"),
                "never-configured", List.of("no-evaluations")));
        assertThat(staleAt(17, "days", "30")).isEmpty();
        assertThat(staleAt(18, "days", "15")).containsOnlyKeys("unused", "never-configured");
        JsonNode body = api.get("/v1/projects/" + project + "/environments/production/stale-flags").expect(200)
                .json();
        assertThat(body.at("/items/1/flag").asText()).isEqualTo("unused");
        assertThat(body.at("/items/1/lastEvaluatedAt").asText()).isEqualTo("2026-12-03T12:00:00Z");
        assertThat(body.at("/items/0/lastEvaluatedAt").isMissingNode()).isTrue(); // never evaluated
    }

    @Test
    void aPartialRolloutLeftAloneForNDays() {
        define("half", false);
        define("full", false);
        String rollout = "{\"on\":true,\"fallthrough\":{\"rollout\":{\"variations\":[{\"variation\":0,"
                + "\"weight\":50000},{\"variation\":1,\"weight\":50000}]}}}";
        config("half").json(rollout).expect(201);
        config("full").json("{\"on\":true,\"fallthrough\":{\"rollout\":{\"variations\":[{\"variation\":0,"
                + "\"weight\":100000},{\"variation\":1,\"weight\":0}]}}}").expect(201);
        for (int day = 0; day <= 40; day++) {
            evaluated("half", day, day % 2, 100);
            evaluated("full", day, 0, 100);
        }
        assertThat(staleAt(10)).isEmpty();
        api.clock.set(AdminFixture.NOW.plus(Duration.ofDays(10)));
        config("half").ifMatch("\"1\"").json(rollout.replace("50000", "50001").replaceFirst("50001", "49999"))
                .expect(200); // a change on day 10 restarts the wait
        assertThat(staleAt(20)).isEmpty();
        assertThat(staleAt(25)).isEqualTo(Map.of("half", List.of("partial-rollout")));
    }

    @Test
    void badDaysGet400() {
        for (String days : List.of("0", "366", "two weeks")) {
            AdminFixture.Reply reply = api.get("/v1/projects/" + project + "/environments/production/stale-flags")
                    .query("days", days).send();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/errors/0/path").asText()).isEqualTo("days");
        }
    }
}
