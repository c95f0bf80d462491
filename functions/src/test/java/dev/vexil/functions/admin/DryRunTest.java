package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.compiler.SnapshotAssembler;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.EvaluationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DryRunTest {
    private static final String CHECKOUT = "{\"on\":true,\"offVariation\":1,"
            + "\"targets\":[{\"variation\":0,\"keys\":[\"alice\"]}],"
            + "\"rules\":[{\"id\":\"de\",\"clauses\":[{\"attribute\":\"country\",\"operator\":\"in\",\"values\":[\"DE\"]}],"
            + "\"serve\":{\"variation\":0}},"
            + "{\"id\":\"big\",\"clauses\":[{\"attribute\":\"plan\",\"operator\":\"in\",\"values\":[\"enterprise\"]}],"
            + "\"serve\":{\"rollout\":{\"variations\":[{\"variation\":0,\"weight\":50000},{\"variation\":1,\"weight\":50000}]}}},"
            + "{\"id\":\"orgs\",\"clauses\":[{\"attribute\":\"tier\",\"operator\":\"in\",\"values\":[\"gold\"],"
            + "\"contextKind\":\"organization\"}],\"serve\":{\"variation\":0}}],"
            + "\"fallthrough\":{\"variation\":1}}";
    private static final String BANNER = "{\"on\":true,\"offVariation\":0,"
            + "\"prerequisites\":[{\"flag\":\"checkout\",\"variation\":0}],"
            + "\"rules\":[{\"id\":\"beta\",\"clauses\":[{\"attribute\":\"segment\",\"operator\":\"segmentMatch\","
            + "\"values\":[\"beta\"]}],\"serve\":{\"variation\":2}}],\"fallthrough\":{\"variation\":1}}";
    private static final String CONTEXTS = "["
            + "{\"key\":\"alice\",\"country\":\"US\"},"
            + "{\"key\":\"carol\",\"country\":\"DE\",\"plan\":\"free\"},"
            + "{\"key\":\"dave\",\"country\":\"US\",\"plan\":\"enterprise\"},"
            + "{\"key\":\"erin\",\"country\":\"US\",\"plan\":\"free\"},"
            + "{\"key\":\"bob\",\"kind\":\"user\",\"country\":\"FR\",\"groups\":[\"a\",\"b\"],\"age\":41,\"admin\":false},"
            + "{\"kind\":\"multi\",\"user\":{\"key\":\"frank\",\"country\":\"IT\"},\"organization\":{\"key\":\"acme\",\"tier\":\"gold\"}}"
            + "]";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();
    static String project;

    @BeforeAll
    static void start() {
        project = api.project("dryrun", "production");
        api.booleanFlag(project, "checkout");
        api.call("PUT", "/v1/projects/" + project + "/flags/banner")
                .json("{\"name\":\"Banner\",\"type\":\"string\",\"variations\":[{\"value\":\"none\"},{\"value\":\"plain\"},"
                        + "{\"value\":\"fancy\"}]}").expect(201);
        api.call("PUT", "/v1/projects/" + project + "/environments/production/segments/beta")
                .json("{\"included\":[\"carol\",\"bob\"]}").expect(201);
        api.call("PUT", "/v1/projects/" + project + "/environments/production/flags/checkout").json(CHECKOUT).expect(201);
        api.call("PUT", "/v1/projects/" + project + "/environments/production/flags/banner").json(BANNER).expect(201);
    }

    private static String evaluate() {
        return "/v1/projects/" + project + "/environments/production/evaluate";
    }

    private static List<Context> sameContextsInCode() {
        return List.of(
                Context.builder("alice").set("country", "US").build(),
                Context.builder("carol").set("country", "DE").set("plan", "free").build(),
                Context.builder("dave").set("country", "US").set("plan", "enterprise").build(),
                Context.builder("erin").set("country", "US").set("plan", "free").build(),
                Context.builder("user", "bob").set("country", "FR").set("groups", List.of("a", "b")).set("age", 41)
                        .set("admin", false).build(),
                Context.multi(Context.builder("frank").set("country", "IT").build(),
                        Context.builder("organization", "acme").set("tier", "gold").build()));
    }

    @Test
    void valuesAndReasonsEqualTheSharedEvaluatorOnTheSameState() {
        JsonNode response = api.call("POST", evaluate()).json("{\"contexts\":" + CONTEXTS + "}").expect(200).json();

        EnvironmentState state = api.repository.loadEnvironmentState(project, "production", List.of());
        CompiledEnvironment reference = CompiledEnvironment.compile(SnapshotAssembler.assemble(state, AdminFixture.NOW));
        assertThat(response.path("snapshotVersion").asLong()).isEqualTo(state.changeCounter());
        List<Context> contexts = sameContextsInCode();
        JsonNode results = response.path("results");
        assertThat(results).hasSize(contexts.size());
        for (int i = 0; i < contexts.size(); i++) {
            JsonNode flags = results.get(i).path("flags");
            assertThat(flags.size()).isEqualTo(2);
            for (String flag : List.of("banner", "checkout")) {
                EvaluationResult expected = reference.evaluate(flag, contexts.get(i));
                JsonNode actual = flags.path(flag);
                String where = "context " + i + ", flag " + flag;
                assertThat(actual.path("value")).as(where).isEqualTo(expected.value());
                assertThat(actual.path("variation").asInt(-1)).as(where).isEqualTo(expected.variationIndex());
                JsonNode reason = actual.path("reason");
                assertThat(reason.path("kind").asText()).as(where).isEqualTo(expected.reason().kind().name());
                assertThat(reason.path("ruleIndex").asInt(-1)).as(where).isEqualTo(expected.reason().ruleIndex());
                assertThat(reason.path("ruleId").textValue()).as(where).isEqualTo(expected.reason().ruleId());
                assertThat(reason.path("inRollout").asBoolean(false)).as(where).isEqualTo(expected.reason().inRollout());
                assertThat(reason.path("prerequisiteKey").textValue()).as(where)
                        .isEqualTo(expected.reason().prerequisiteKey());
            }
        }
        // A few answers that follow from the configuration alone.
        assertThat(results.get(0).path("flags").path("checkout").path("reason").path("kind").asText())
                .isEqualTo("TARGET_MATCH");
        assertThat(results.get(1).path("flags").path("checkout").path("reason").path("ruleId").asText()).isEqualTo("de");
        assertThat(results.get(1).path("flags").path("banner").path("value").asText()).isEqualTo("fancy");
        assertThat(results.get(3).path("flags").path("checkout").path("reason").path("kind").asText())
                .isEqualTo("FALLTHROUGH");
        assertThat(results.get(3).path("flags").path("banner").path("reason").path("kind").asText())
                .isEqualTo("PREREQUISITE_FAILED");
        assertThat(results.get(5).path("flags").path("checkout").path("reason").path("ruleId").asText())
                .isEqualTo("orgs");
        assertThat(results.get(5).path("context").path("keys").path("organization").asText()).isEqualTo("acme");
        assertThat(response.has("impact")).isFalse();
    }

    @Test
    void aProposedChangeIsEvaluatedBothWaysWithItsImpactAndNothingIsStored() {
        int changesBefore = api.changes.get();
        JsonNode response = api.call("POST", evaluate())
                .json("{\"contexts\":" + CONTEXTS + ",\"flags\":[\"checkout\"],"
                        + "\"proposed\":{\"checkout\":{\"on\":true,\"fallthrough\":{\"variation\":0}}}}")
                .expect(200).json();
        JsonNode results = response.path("results");

        Map<String, Integer> expectedPairs = new LinkedHashMap<>();
        int changed = 0;
        for (JsonNode result : results) {
            JsonNode checkout = result.path("flags").path("checkout");
            assertThat(result.path("flags").has("banner")).isFalse();
            assertThat(checkout.path("proposed").path("variation").asInt()).isZero();
            assertThat(checkout.path("proposed").path("reason").path("kind").asText()).isEqualTo("FALLTHROUGH");
            int from = checkout.path("variation").asInt();
            if (from != 0) {
                changed++;
                expectedPairs.merge(from + "->0", 1, Integer::sum);
            }
        }
        // erin (fallthrough) and bob (fallthrough) certainly move from false to true; alice, carol, frank do not.
        assertThat(results.get(3).path("flags").path("checkout").path("variation").asInt()).isEqualTo(1);
        assertThat(results.get(4).path("flags").path("checkout").path("variation").asInt()).isEqualTo(1);
        assertThat(changed).isBetween(2, 3);

        JsonNode impact = response.path("impact").path("checkout");
        assertThat(impact.path("contexts").asInt()).isEqualTo(6);
        assertThat(impact.path("changed").asInt()).isEqualTo(changed);
        assertThat(impact.path("unchanged").asInt()).isEqualTo(6 - changed);
        assertThat(impact.path("transitions")).hasSize(1);
        JsonNode transition = impact.path("transitions").get(0);
        assertThat(transition.path("from").asInt()).isEqualTo(1);
        assertThat(transition.path("to").asInt()).isZero();
        assertThat(transition.path("fromValue").asBoolean()).isFalse();
        assertThat(transition.path("toValue").asBoolean()).isTrue();
        assertThat(transition.path("count").asInt()).isEqualTo(expectedPairs.get("1->0"));

        assertThat(api.changes.get()).isEqualTo(changesBefore);
        assertThat(api.get("/v1/projects/" + project + "/environments/production/flags/checkout/history").expect(200)
                .json().path("items")).hasSize(1);
    }

    @Test
    void aProposalThatTurnsAFlagOffCountsMovesToTheOffVariation() {
        JsonNode response = api.call("POST", evaluate())
                .json("{\"contexts\":[{\"key\":\"alice\"},{\"key\":\"carol\",\"country\":\"DE\"},{\"key\":\"erin\"}],"
                        + "\"proposed\":{\"checkout\":{\"on\":false,\"offVariation\":1,\"fallthrough\":{\"variation\":0}}}}")
                .expect(200).json();
        JsonNode impact = response.path("impact").path("checkout");
        assertThat(impact.path("changed").asInt()).isEqualTo(2);
        assertThat(impact.path("transitions").get(0).path("from").asInt()).isZero();
        assertThat(impact.path("transitions").get(0).path("to").asInt()).isEqualTo(1);
        assertThat(impact.path("transitions").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(response.path("results").get(2).path("flags").path("checkout").path("proposed").path("reason")
                .path("kind").asText()).isEqualTo("OFF");
    }

    @Test
    void anInvalidProposalIsRefusedWithItsPath() {
        AdminFixture.Reply refused = api.call("POST", evaluate())
                .json("{\"contexts\":[{\"key\":\"a\"}],\"proposed\":{\"checkout\":{\"on\":true,\"fallthrough\":{\"variation\":7}}}}")
                .expect(400);
        assertThat(refused.errorPaths()).contains("proposed.checkout.fallthrough.variation");
    }

    @Test
    void aViewerMayDryRun() {
        String viewer = "arn:aws:iam::123456789012:user/viewer";
        String p = api.project("dryrun-viewer", "production");
        api.call("PUT", "/v1/projects/" + p).ifMatch("\"1\"")
                .json("{\"name\":\"v\",\"roles\":{\"" + AdminFixture.ALICE + "\":\"admin\",\"" + viewer + "\":\"viewer\"}}")
                .expect(200);
        api.call("POST", "/v1/projects/" + p + "/environments/production/evaluate").as(viewer)
                .json("{\"contexts\":[{\"key\":\"a\"}]}").expect(200);
    }

    @Test
    void contextsTimesFlagsAboveTheCapIs413AndNamingFewerFlagsFits() {
        String big = api.project("dryrun-cap", "production");
        int flags = 21;
        for (int i = 0; i < flags; i++) {
            api.booleanFlag(big, "f" + i);
        }
        StringBuilder contexts = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            contexts.append(i == 0 ? "" : ",").append("{\"key\":\"u").append(i).append("\"}");
        }
        contexts.append("]");
        String path = "/v1/projects/" + big + "/environments/production/evaluate";

        AdminFixture.Reply refused = api.call("POST", path).json("{\"contexts\":" + contexts + "}").expect(413);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.errorPaths()).containsExactly("contexts");
        assertThat(refused.json().path("evaluations").asInt()).isEqualTo(21_000);
        assertThat(refused.json().path("maxEvaluations").asInt()).isEqualTo(20_000);
        assertThat(refused.json().path("detail").asText()).contains("1000 contexts").contains("21 flags");

        StringBuilder twenty = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            twenty.append(i == 0 ? "" : ",").append("\"f").append(i).append("\"");
        }
        twenty.append("]");
        AdminFixture.Reply atTheCap = api.call("POST", path)
                .json("{\"contexts\":" + contexts + ",\"flags\":" + twenty + "}").expect(200);
        assertThat(atTheCap.json().path("results")).hasSize(1000);
        assertThat(atTheCap.json().path("results").get(999).path("flags")).hasSize(20);
        assertThat(atTheCap.text().length()).as("a full dry run fits Lambda's 6 MB response limit")
                .isLessThan(6_000_000);
    }
}
