package dev.vexil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.Context;
import dev.vexil.it.stack.LocalWiring;
import dev.vexil.sdk.VexilClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Release automation end to end on the local stack, with the scheduler ticking every second: a real SDK sees each
 * step of a plan, the controls, a human edit that pauses a plan, a scheduled change, and a guard alarm's restore.
 * The fixture's flag falls through to {@code false} (variation 1); the plans release {@code true} (variation 0).
 */
class LocalReleaseAutomationTest {
    /** Contexts without a plan attribute: they all reach the fallthrough. */
    private static final List<Context> USERS = new ArrayList<>();

    static {
        for (int i = 0; i < 1000; i++) {
            USERS.add(Context.builder("user-" + i).build());
        }
    }

    private LocalWiring stack;
    private Fixture f;
    private VexilClient sdk;

    @BeforeEach
    void start() throws Exception {
        stack = new LocalWiring(Files.createTempDirectory("vexil-it-release"), Duration.ofSeconds(1));
        f = Fixture.create(stack, "release");
        sdk = f.initializedClient();
    }

    @AfterEach
    void stop() {
        sdk.close();
        stack.close();
    }

    private String rollouts() {
        return f.configPath() + "/rollouts";
    }

    private JsonNode plan() {
        return f.admin.get(rollouts() + "/current").expect(200).body();
    }

    /** How many of the 1000 users the SDK serves {@code true}. */
    private int released() {
        int count = 0;
        for (Context user : USERS) {
            count += sdk.boolVariation(Fixture.FLAG, user, false) ? 1 : 0;
        }
        return count;
    }

    private void awaitShare(String what, int low, int high) {
        Eventually.await(what + ": between " + low + " and " + high + " of 1000 users get true",
                () -> {
                    int released = released();
                    return released >= low && released <= high;
                });
    }

    /** Releases true through the fallthrough: 10%, 50%, 100%, holding each step {@code hold}. */
    private void startTenFiftyHundred(String hold) {
        f.admin.post(rollouts(), Map.of("variation", 0, "steps", List.of(Map.of("percent", 10, "hold", hold),
                Map.of("percent", 50, "hold", hold), Map.of("percent", 100)))).expect(201);
    }

    @Test
    void aPlanRunsThroughItsStepsAndTheSdkSeesEachOne() {
        startTenFiftyHundred("PT3S");
        awaitShare("step 1 (10%)", 60, 140);
        awaitShare("step 2 (50%)", 430, 570);
        awaitShare("step 3 (100%)", 1000, 1000);
        Eventually.await("the plan completes", () -> "completed".equals(plan().path("status").asText()));
        assertThat(plan().path("applied").findValuesAsText("principal"))
                .containsExactly("local-admin", "vexil:scheduler", "vexil:scheduler");
    }

    @Test
    void pauseResumeAdvanceAndAbort() {
        startTenFiftyHundred("PT1H");
        awaitShare("step 1", 60, 140);
        assertThat(f.admin.post(rollouts() + "/current/pause", null).expect(200).body().path("status").asText())
                .isEqualTo("paused");
        assertThat(f.admin.post(rollouts() + "/current/resume", null).expect(200).body().path("status").asText())
                .isEqualTo("running");
        assertThat(f.admin.post(rollouts() + "/current/advance", null).expect(200).body().path("step").asInt())
                .isEqualTo(2);
        awaitShare("advanced to step 2", 430, 570);
        assertThat(f.admin.post(rollouts() + "/current/abort", Map.of("comment", "not today")).expect(200).body()
                .path("status").asText()).isEqualTo("aborted");
        awaitShare("aborted: the pre-plan configuration", 0, 0);
        Fixture.awaitStartingTargeting(sdk);
    }

    @Test
    void aConflictingHumanEditPausesThePlan() {
        f.admin.post(rollouts(), Map.of("variation", 0, "steps", List.of(
                Map.of("percent", 10, "hold", "PT2S"), Map.of("percent", 100)))).expect(201);
        f.changeTargeting(Fixture.ruleFor("free"));
        Eventually.await("the plan pauses at its next step", () -> "paused".equals(plan().path("status").asText()));
        assertThat(plan().path("detail").asText()).contains("edited");
        assertThat(plan().path("step").asInt()).isEqualTo(1);
        Eventually.awaitEquals("the SDK serves the human edit", true,
                () -> sdk.boolVariation(Fixture.FLAG, Fixture.FREE, false));
        JsonNode latest = f.admin.get(f.configPath() + "/history").expect(200).body().path("items").get(0);
        assertThat(latest.path("principal").asText()).as("nobody wrote over the edit").isEqualTo("local-admin");
    }

    @Test
    void aScheduledChangeIsAppliedAndTheSdkSeesIt() {
        f.admin.post(f.configPath() + "/schedules", Map.of("at", Instant.now().plusSeconds(2).toString(),
                "change", Map.of("on", false), "comment", "switch off")).expect(201);
        Eventually.awaitEquals("the SDK serves the off variation to pro", false,
                () -> sdk.boolVariation(Fixture.FLAG, Fixture.PRO, true));
        JsonNode schedule = f.admin.get(f.configPath() + "/schedules").expect(200).body().path("items").get(0);
        assertThat(schedule.path("status").asText()).isEqualTo("applied");
    }

    @Test
    void inAProtectedEnvironmentAnApprovedChangeRequestIsAppliedAtItsApplyAtAndSchedulesAreRefused() {
        AdminApi bob = f.admin.as("arn:aws:iam::123456789012:user/bob");
        AdminApi carol = f.admin.as("arn:aws:iam::123456789012:user/carol");
        f.admin.put(f.envPath(), Map.of("name", "Test", "protected", true, "review", Map.of("requiredApprovals", 1)),
                "\"1\"").expect(200);
        assertThat(f.admin.post(f.configPath() + "/schedules", Map.of("at", Instant.now().plusSeconds(60).toString(),
                "change", Map.of("on", false), "comment", "later")).expect(403).body().path("changeRequests").asText())
                .endsWith("/change-requests");

        String id = bob.post(f.envPath() + "/change-requests", Map.of("title", "Free plan at launch", "applyAt",
                Instant.now().plusSeconds(5).toString(), "changes", List.of(Map.of("flag", Fixture.FLAG,
                        "configuration", Fixture.ruleFor("free"))))).expect(201).body().path("id").asText();
        carol.post(f.envPath() + "/change-requests/" + id + "/reviews", Map.of("decision", "approve")).expect(200);
        assertThat(sdk.boolVariation(Fixture.FLAG, Fixture.FREE, true)).as("not before its applyAt").isFalse();

        Eventually.awaitEquals("the scheduler applied the request and the SDK serves it", true,
                () -> sdk.boolVariation(Fixture.FLAG, Fixture.FREE, false));
        JsonNode latest = f.admin.get(f.configPath() + "/history").expect(200).body().path("items").get(0);
        assertThat(latest.path("principal").asText()).isEqualTo("vexil:scheduler");
        assertThat(latest.path("comment").asText()).contains(id).contains("carol");
        assertThat(f.admin.get(f.envPath() + "/change-requests/" + id).expect(200).body().path("state").asText())
                .isEqualTo("applied");
    }

    @Test
    void aGuardAlarmInTheBakeWindowRestoresAndTheSdkSeesIt() {
        f.admin.post(rollouts(), Map.of("variation", 0, "steps", List.of(Map.of("percent", 100)),
                "guards", List.of("it-errors"), "bakeTime", "PT5M")).expect(201);
        awaitShare("the plan's only step", 1000, 1000);

        JsonNode played = f.admin.post("/v1/_local/alarms/it-errors", Map.of("state", "ALARM")).expect(200).body();

        assertThat(played.path("restores")).hasSize(1);
        awaitShare("restored", 0, 0);
        Fixture.awaitStartingTargeting(sdk);
        JsonNode latest = f.admin.get(f.configPath() + "/history").expect(200).body().path("items").get(0);
        assertThat(latest.path("principal").asText()).isEqualTo("vexil:guard");
        assertThat(latest.path("comment").asText()).contains("it-errors");
        assertThat(stack.services().guardNotifications().sent()).hasSize(1);
        f.admin.post("/v1/_local/alarms/it-errors", Map.of("state", "SOMETIMES")).expect(400);
    }
}
