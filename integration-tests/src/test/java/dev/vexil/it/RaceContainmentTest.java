package dev.vexil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.ReasonKind;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.it.stack.AwsWiring;
import dev.vexil.model.Clause;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rule;
import dev.vexil.model.Serve;
import dev.vexil.model.Variation;
import dev.vexil.sdk.EvaluationDetail;
import dev.vexil.sdk.VexilClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three races of issue 12 that two valid writes can run without transactions, each 50 times on the AWS
 * adapters (dynalite, S3Proxy, the stream harness, the local edge): (a) a segment deleted while a flag starts to use
 * it, (b) two prerequisite edits that close a cycle, (c) a definition losing a variation a configuration serves.
 *
 * <p>Each race is played in its losing order, so that every round really breaks a flag: the first write goes
 * through the admin API; the second is the one that was validated against the state before the first and is stored
 * after it, written straight to the table as the admin handler would have written it. After every round, a kill of
 * another flag of the same environment must reach an SDK polling the edge, and the broken flag must evaluate as
 * ERROR / MALFORMED_FLAG there, not hold the environment back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaceContainmentTest {
    private static final int ROUNDS = 50;
    private static final String ENV = "test";
    private static final Context USER = Context.builder("u-1").set("plan", "pro").build();
    private static final List<Map<String, Object>> BOOLEAN = List.of(Map.of("value", true), Map.of("value", false));

    private AwsWiring stack;
    private AdminApi admin;

    @BeforeAll
    void start() {
        stack = AwsWiring.onDynaliteAndS3Proxy();
        admin = new AdminApi(stack.adminBaseUrl(), stack.adminToken());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A project with one environment and an SDK polling it. */
    private VexilClient project(String project) {
        admin.post("/v1/projects", Map.of("key", project, "name", project, "roles", Map.of("*", "admin"))).expect(201);
        admin.post("/v1/projects/" + project + "/environments", Map.of("key", ENV, "name", "Test")).expect(201);
        String secret = admin.post(env(project) + "/sdk-keys", Map.of("name", "races")).expect(201).body()
                .path("secret").asText();
        VexilClient client = VexilClient.builder(stack.edgeBaseUrl(), secret).pollInterval(Duration.ofMillis(50))
                .build();
        Fixture.awaitInitialized(client);
        return client;
    }

    private static String env(String project) {
        return "/v1/projects/" + project + "/environments/" + ENV;
    }

    private void define(String project, String flag, List<Map<String, Object>> variations) {
        admin.put("/v1/projects/" + project + "/flags/" + flag, Map.of("key", flag, "name", flag, "type", "boolean",
                "variations", variations), null).expect(201);
    }

    /** A flag serving true while on, false (its off variation) once killed. */
    private void victim(String project, String flag) {
        define(project, flag, BOOLEAN);
        ObjectNode config = AdminApi.JSON.createObjectNode().put("on", true).put("offVariation", 1);
        config.putObject("fallthrough").put("variation", 0);
        admin.put(env(project) + "/flags/" + flag, config, null).expect(201);
    }

    /** Kills {@code victim} through the API; the SDK must then serve its off variation, and {@code broken} errors. */
    private void killReachesTheSdk(VexilClient client, String project, String victim, String broken) {
        admin.post(env(project) + "/flags/" + victim + "/kill", null).expect(200);
        Eventually.awaitEquals("the kill of " + victim + " reaches the SDK", false,
                () -> client.boolVariation(victim, USER, true));
        EvaluationDetail<Boolean> detail = client.boolVariationDetail(broken, USER, true);
        assertThat(detail.reason().kind()).as(broken).isEqualTo(ReasonKind.ERROR);
        assertThat(detail.errorKind()).as(broken).isEqualTo(ErrorKind.MALFORMED_FLAG);
        assertThat(detail.value()).as("the caller's default").isTrue();
    }

    private static ChangeMeta meta(String action) {
        return new ChangeMeta("arn:aws:iam::000000000000:user/integration-tests", action, "race", null,
                Instant.now());
    }

    private static FlagConfig config(List<Prerequisite> prerequisites, List<Rule> rules, int fallthrough) {
        return new FlagConfig(true, 1, null, List.of(), prerequisites, rules, Serve.variation(fallthrough), null);
    }

    @Test
    void raceA_aSegmentDeletedWhileAFlagStartsToUseIt() {
        String project = "race-segment";
        DynamoDbFlagRepository table = stack.repository();
        try (VexilClient client = project(project)) {
            for (int round = 0; round < ROUNDS; round++) {
                String segment = "seg-" + round;
                String user = "uses-" + round;
                String victim = "victim-a-" + round;
                admin.put(env(project) + "/segments/" + segment, Map.of("included", List.of("u-1")), null).expect(201);
                define(project, user, BOOLEAN);
                victim(project, victim);
                // Request 1 validated "uses-N matches seg-N" while seg-N existed; request 2 deletes seg-N, finding no
                // flag that uses it yet; then request 1 is stored.
                admin.send("DELETE", env(project) + "/segments/" + segment, null, "\"1\"").expect(204);
                Rule rule = new Rule("in-segment", List.of(new Clause("segment", "segmentMatch",
                        List.of(TextNode.valueOf(segment)), false)), Serve.variation(0));
                table.putFlagConfig(project, ENV, user, config(List.of(), List.of(rule), 1), 0, meta("create"));
                stack.nudgeStream();

                killReachesTheSdk(client, project, victim, user);
            }
        }
    }

    @Test
    void raceB_twoPrerequisiteEditsThatCloseACycle() {
        String project = "race-cycle";
        DynamoDbFlagRepository table = stack.repository();
        try (VexilClient client = project(project)) {
            for (int round = 0; round < ROUNDS; round++) {
                String first = "cycle-a-" + round;
                String second = "cycle-b-" + round;
                String victim = "victim-b-" + round;
                define(project, first, BOOLEAN);
                define(project, second, BOOLEAN);
                victim(project, victim);
                // Request 1 makes first depend on second; request 2, validated before request 1 was stored (no
                // cycle then), makes second depend on first.
                ObjectNode dependsOnSecond = AdminApi.JSON.createObjectNode().put("on", true).put("offVariation", 1);
                dependsOnSecond.putArray("prerequisites").addObject().put("flag", second).put("variation", 0);
                dependsOnSecond.putObject("fallthrough").put("variation", 0);
                admin.put(env(project) + "/flags/" + first, dependsOnSecond, null).expect(201);
                table.putFlagConfig(project, ENV, second, config(List.of(new Prerequisite(first, 0)), List.of(), 0), 0,
                        meta("create"));
                stack.nudgeStream();

                killReachesTheSdk(client, project, victim, first);
                assertThat(client.boolVariationDetail(second, USER, true).errorKind()).isEqualTo(ErrorKind.MALFORMED_FLAG);
            }
        }
    }

    @Test
    void raceC_aDefinitionLosingAVariationAConfigurationServes() {
        String project = "race-variation";
        DynamoDbFlagRepository table = stack.repository();
        try (VexilClient client = project(project)) {
            for (int round = 0; round < ROUNDS; round++) {
                String shrinking = "shrinking-" + round;
                String victim = "victim-c-" + round;
                defineThreeVariations(project, shrinking);
                victim(project, victim);
                // Request 1 points the configuration at variation 2; request 2, validated while nothing served
                // variation 2, drops it from the definition.
                ObjectNode servesThird = AdminApi.JSON.createObjectNode().put("on", true).put("offVariation", 1);
                servesThird.putObject("fallthrough").put("variation", 2);
                admin.put(env(project) + "/flags/" + shrinking, servesThird, null).expect(201);
                table.putFlagDefinition(project, new FlagDefinition(shrinking, shrinking, null, FlagType.STRING,
                        List.of(new Variation(TextNode.valueOf("a"), null), new Variation(TextNode.valueOf("b"), null)),
                        List.of(), false, null), 1, meta("update"));
                stack.nudgeStream();

                admin.post(env(project) + "/flags/" + victim + "/kill", null).expect(200);
                Eventually.awaitEquals("the kill of " + victim + " reaches the SDK", false,
                        () -> client.boolVariation(victim, USER, true));
                EvaluationDetail<String> detail = client.stringVariationDetail(shrinking, USER, "default");
                assertThat(detail.errorKind()).as(shrinking).isEqualTo(ErrorKind.MALFORMED_FLAG);
                assertThat(detail.value()).isEqualTo("default");
            }
        }
    }

    private void defineThreeVariations(String project, String flag) {
        admin.put("/v1/projects/" + project + "/flags/" + flag, Map.of("key", flag, "name", flag, "type", "string",
                "variations", List.of(Map.of("value", "a"), Map.of("value", "b"), Map.of("value", "c"))), null)
                .expect(201);
    }
}
