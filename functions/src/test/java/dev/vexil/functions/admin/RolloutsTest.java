package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.compiler.SnapshotAssembler;
import dev.vexil.core.compiler.SnapshotBuild;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.model.FlagConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Progressive rollouts through the admin API, with the scheduler applying the steps whose hold has passed. */
class RolloutsTest {
    private static final String PLAN = "{\"variation\":0,\"steps\":[{\"percent\":1,\"hold\":\"PT1H\"},"
            + "{\"percent\":5,\"hold\":\"PT2H\"},{\"percent\":25,\"hold\":\"PT2H\"},{\"percent\":50,\"hold\":\"PT2H\"},"
            + "{\"percent\":100}]}";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private String project;
    private String config;

    @BeforeEach
    void flagServingFalse() {
        api.clock.set(AdminFixture.NOW);
        project = api.project("ramp", "production");
        api.booleanFlag(project, "checkout");
        config = "/v1/projects/" + project + "/environments/production/flags/checkout";
        api.call("PUT", config).json("{\"on\":true,\"targets\":[{\"variation\":1,\"keys\":[\"vip\"]}],"
                + "\"fallthrough\":{\"variation\":1}}").expect(201);
    }

    private CompiledEnvironment environment() {
        return CompiledEnvironment.compile(SnapshotBuild.contained(SnapshotAssembler.assemble(
                api.repository.loadEnvironmentState(project, "production", List.of()), api.clock.instant())));
    }

    private JsonNode current() {
        return api.get(config + "/rollouts/current").expect(200).json();
    }

    private List<HistoryEntry<FlagConfig>> history() {
        return api.repository.flagConfigHistory(project, "production", "checkout");
    }

    @Test
    void aPlanRunsThroughItsStepsAndIsMonotoneOverTenThousandContexts() {
        JsonNode started = api.call("POST", config + "/rollouts").json(PLAN).expect(201).json();
        assertThat(started.path("status").asText()).isEqualTo("running");
        assertThat(started.path("step").asInt()).as("starting applies step 1").isEqualTo(1);
        assertThat(Instant.parse(started.path("nextStepAt").asText())).isEqualTo(AdminFixture.NOW.plusSeconds(3600));

        List<Boolean> had = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            had.add(false);
        }
        double[] percents = {1, 5, 25, 50, 100};
        Duration[] holds = {Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(2)};
        for (int step = 0; step < percents.length; step++) {
            if (step > 0) {
                // other tests' plans share the store: count this plan's steps, not the scheduler's runs
                api.clock.advance(holds[step - 1].minusSeconds(1));
                api.scheduler().tick();
                assertThat(current().path("step").asInt()).as("the hold has not passed").isEqualTo(step);
                api.clock.advance(Duration.ofSeconds(1));
                api.scheduler().tick();
                assertThat(current().path("step").asInt()).isEqualTo(step + 1);
            }
            CompiledEnvironment evaluated = environment();
            int released = 0;
            for (int i = 0; i < 10_000; i++) {
                boolean hasIt = evaluated.evaluate("checkout", Context.builder("user-" + i).build())
                        .variationIndex() == 0;
                if (had.get(i)) {
                    assertThat(hasIt).as("user-" + i + " keeps the new variation at " + percents[step] + "%")
                            .isTrue();
                }
                had.set(i, hasIt);
                released += hasIt ? 1 : 0;
            }
            assertThat(released / 100.0).as("share at step " + (step + 1))
                    .isCloseTo(percents[step], org.assertj.core.data.Offset.offset(Math.max(1.0, percents[step] * 0.2)));
            assertThat(evaluated.evaluate("checkout", Context.builder("vip").build()).variationIndex())
                    .as("targets stay untouched").isEqualTo(1);
        }
        JsonNode done = current();
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("applied").findValuesAsText("principal")).containsExactly(AdminFixture.ALICE,
                "vexil:scheduler", "vexil:scheduler", "vexil:scheduler", "vexil:scheduler");
        assertThat(history().get(0).content().fallthrough().variation()).isZero();
        assertThat(history().get(0).principal()).isEqualTo("vexil:scheduler");
        assertThat(history().get(0).comment()).contains(AdminFixture.ALICE).contains("step 5");
    }

    @Test
    void pauseResumeAdvanceAndAbort() {
        api.call("POST", config + "/rollouts").json(PLAN).expect(201);
        api.clock.advance(Duration.ofMinutes(20));
        JsonNode paused = api.call("POST", config + "/rollouts/current/pause").expect(200).json();
        assertThat(paused.path("status").asText()).isEqualTo("paused");
        assertThat(paused.path("holdRemaining").asText()).isEqualTo("PT40M");

        api.clock.advance(Duration.ofHours(5));
        api.scheduler().tick();
        assertThat(current().path("step").asInt()).as("a paused plan does not move").isEqualTo(1);

        JsonNode resumed = api.call("POST", config + "/rollouts/current/resume").expect(200).json();
        assertThat(resumed.path("status").asText()).isEqualTo("running");
        assertThat(Instant.parse(resumed.path("nextStepAt").asText()))
                .isEqualTo(api.clock.instant().plus(Duration.ofMinutes(40)));

        JsonNode advanced = api.call("POST", config + "/rollouts/current/advance").expect(200).json();
        assertThat(advanced.path("step").asInt()).isEqualTo(2);
        assertThat(Instant.parse(advanced.path("nextStepAt").asText()))
                .isEqualTo(api.clock.instant().plus(Duration.ofHours(2)));
        assertThat(history().get(0).content().fallthrough().rollout().variations().get(0).weight()).isEqualTo(5000);

        JsonNode aborted = api.call("POST", config + "/rollouts/current/abort").json("{\"comment\":\"too slow\"}")
                .expect(200).json();
        assertThat(aborted.path("status").asText()).isEqualTo("aborted");
        HistoryEntry<FlagConfig> restore = history().get(0);
        assertThat(restore.action()).isEqualTo("rollout-abort");
        assertThat(restore.content()).as("the pre-plan configuration, as a new version")
                .isEqualTo(history().get(history().size() - 1).content());
        assertThat(restore.version()).isEqualTo(aborted.path("restoredVersion").asLong());
        assertThat(restore.comment()).contains("too slow");

        api.call("POST", config + "/rollouts/current/pause").expect(409);
        api.call("POST", config + "/rollouts/current/abort").expect(409);
        api.call("POST", config + "/rollouts").json(PLAN).expect(201); // after an abort a new plan may start
    }

    @Test
    void aConflictingHumanEditPausesThePlanAndIsKept() {
        api.call("POST", config + "/rollouts").json(PLAN).expect(201);
        String etag = api.get(config).expect(200).etag();
        api.call("PUT", config).ifMatch(etag).json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(200);
        long humanVersion = history().get(0).version();

        api.clock.advance(Duration.ofHours(1));
        api.scheduler().tick();

        JsonNode plan = current();
        assertThat(plan.path("status").asText()).isEqualTo("paused");
        assertThat(plan.path("detail").asText()).contains("edited").contains("version " + humanVersion)
                .contains(AdminFixture.ALICE);
        assertThat(plan.path("events").findValuesAsText("event")).contains("paused");
        assertThat(history().get(0).version()).as("the human edit was not overwritten").isEqualTo(humanVersion);

        api.call("POST", config + "/rollouts/current/resume").expect(200);
        api.scheduler().tick();
        assertThat(current().path("step").asInt()).as("resumed from the flag as it is now").isEqualTo(2);
        assertThat(history().get(0).content().targets()).as("the edit removed the targets; the step keeps that")
                .isEmpty();
    }

    @Test
    void oneActivePlanPerFlag() {
        api.call("POST", config + "/rollouts").json(PLAN).expect(201);
        AdminFixture.Reply second = api.call("POST", config + "/rollouts").json(PLAN).expect(400);
        assertThat(second.json().path("detail").asText()).contains("active rollout plan");
        assertThat(current().path("id").asText()).isEqualTo("000001");
    }

    @Test
    void badPlansAreA400NamingTheFieldAndChangeNothing() {
        expectInvalid("{\"variation\":2,\"steps\":[{\"percent\":100}]}", "variation");
        expectInvalid("{\"steps\":[{\"percent\":100}]}", "variation");
        expectInvalid("{\"variation\":0,\"steps\":[]}", "steps");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":50,\"hold\":\"PT1H\"},{\"percent\":10}]}",
                "steps[1].percent");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":-1,\"hold\":\"PT1H\"},{\"percent\":10}]}",
                "steps[0].percent");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":10,\"hold\":\"PT1H\"},{\"percent\":101}]}",
                "steps[1].percent");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":10,\"hold\":\"an hour\"},{\"percent\":100}]}",
                "steps[0].hold");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":10},{\"percent\":100}]}", "steps[0].hold");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":100}],\"bakeTime\":\"soon\"}", "bakeTime");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":100}],\"guards\":[\"\"]}", "guards[0]");
        expectInvalid("{\"variation\":0,\"steps\":[{\"percent\":100,\"size\":1}]}", "steps[0].size");
    }

    private void expectInvalid(String body, String field) {
        AdminFixture.Reply reply = api.call("POST", config + "/rollouts").json(body).expect(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.errorPaths()).as(body).contains(field);
        api.get(config + "/rollouts/current").expect(404);
        assertThat(history()).hasSize(1);
    }
}
