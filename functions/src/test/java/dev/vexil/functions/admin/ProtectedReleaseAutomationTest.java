package dev.vexil.functions.admin;

import static dev.vexil.functions.admin.AdminFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.release.GuardRestore;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.model.FlagConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where change requests meet release automation (docs/change-requests.md, "Timed apply"; docs/release-automation.md,
 * "Protected environments"): the scheduler applies an approved request at its applyAt, exactly once; schedules and
 * plans are refused in a protected environment (pause and abort are not), and those written before it became
 * protected do not write; a guard restore still goes through and is audited.
 */
class ProtectedReleaseAutomationTest {
    private static final String BOB = "arn:aws:iam::123456789012:user/bob";
    private static final String CAROL = "arn:aws:iam::123456789012:user/carol";
    private static final Instant NINE = AdminFixture.NOW.plusSeconds(3600);

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private String project;

    /** Production with flag "checkout" on (variation 1 in the fallthrough); Bob and Carol editors, not protected. */
    @BeforeEach
    void project() {
        api.clock.set(AdminFixture.NOW);
        project = api.project("guarded", "production");
        api.call("PUT", "/v1/projects/" + project).ifMatch("\"1\"").json("{\"name\":\"p\",\"roles\":{\"" + ALICE
                + "\":\"admin\",\"" + BOB + "\":\"editor\",\"" + CAROL + "\":\"editor\"}}").expect(200);
        api.booleanFlag(project, "checkout");
        api.call("PUT", config()).json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(201);
    }

    private String env() {
        return "/v1/projects/" + project + "/environments/production";
    }

    private String config() {
        return env() + "/flags/checkout";
    }

    private void protect() {
        api.call("PUT", env()).ifMatch("\"1\"").json("{\"name\":\"Production\",\"protected\":true,"
                + "\"review\":{\"requiredApprovals\":1}}").expect(200);
    }

    private String proposeAtNine(String changes) {
        return api.call("POST", env() + "/change-requests").as(BOB).json("{\"title\":\"at nine\",\"applyAt\":\""
                + NINE + "\",\"changes\":" + changes + "}").expect(201).json().path("id").asText();
    }

    private void approve(String id) {
        api.call("POST", env() + "/change-requests/" + id + "/reviews").as(CAROL)
                .json("{\"decision\":\"approve\",\"comment\":\"ok\"}").expect(200);
    }

    private JsonNode request(String id) {
        return api.get(env() + "/change-requests/" + id).expect(200).json();
    }

    private List<HistoryEntry<FlagConfig>> history() {
        return api.repository.flagConfigHistory(project, "production", "checkout");
    }

    private boolean on() {
        return api.get(config()).expect(200).json().path("on").asBoolean();
    }

    // --- 1. timed apply of a change request -----------------------------------------------------------------

    @Test
    void anApprovedRequestIsAppliedByTheSchedulerAtItsApplyAtOnce() {
        protect();
        String id = proposeAtNine("[{\"flag\":\"checkout\",\"on\":false}]");
        approve(id);
        api.clock.set(NINE.minusSeconds(1));
        assertThat(api.scheduler().tick()).as("not due yet").isZero();
        assertThat(on()).isTrue();

        api.clock.set(NINE);
        assertThat(api.scheduler().tick()).isEqualTo(1);

        assertThat(on()).isFalse();
        assertThat(request(id).path("state").asText()).isEqualTo("applied");
        HistoryEntry<FlagConfig> applied = history().get(0);
        assertThat(applied.principal()).isEqualTo("vexil:scheduler");
        assertThat(applied.action()).isEqualTo("apply");
        assertThat(applied.comment()).contains(id).contains(BOB).contains("approved by " + CAROL);
        JsonNode audit = api.get(env() + "/audit").query("resourceType", "CHANGE_REQUEST").expect(200).json()
                .path("items");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("applied");
        assertThat(audit.get(1).path("action").asText()).isEqualTo("apply");
        assertThat(audit.get(1).path("principal").asText()).isEqualTo("vexil:scheduler");

        api.clock.set(NINE.plusSeconds(60));
        assertThat(api.scheduler().tick()).as("applied once").isZero();
        assertThat(history()).filteredOn(e -> "vexil:scheduler".equals(e.principal())).hasSize(1);
    }

    @Test
    void twoSchedulersRacingApplyTheRequestOnce() throws Exception {
        protect();
        String id = proposeAtNine("[{\"flag\":\"checkout\",\"on\":false}]");
        approve(id);
        api.clock.set(NINE);
        assertThat(api.tickAtOnce(2)).as("one of the two ran it").isEqualTo(1);
        assertThat(request(id).path("state").asText()).isEqualTo("applied");
        assertThat(history()).filteredOn(e -> "vexil:scheduler".equals(e.principal())).hasSize(1);
        assertThat(on()).isFalse();
    }

    @Test
    void aRequestNotApprovedByItsTimeWaitsForAnExplicitApply() {
        protect();
        String id = proposeAtNine("[{\"flag\":\"checkout\",\"on\":false}]");
        api.clock.set(NINE);
        api.scheduler().tick();
        assertThat(request(id).path("state").asText()).isEqualTo("open");
        assertThat(on()).isTrue();

        approve(id);
        api.clock.set(NINE.plusSeconds(60));
        api.scheduler().tick();
        assertThat(on()).as("approved after its time: not applied by the scheduler").isTrue();
        api.call("POST", env() + "/change-requests/" + id + "/apply").as(ALICE).expect(200);
        assertThat(on()).isFalse();
    }

    @Test
    void aRequestStaleAtItsTimeBecomesStaleAndWritesNothing() {
        String id = proposeAtNine("[{\"flag\":\"checkout\",\"on\":false}]");
        approve(id);
        api.call("PUT", config()).ifMatch("\"1\"").json("{\"on\":true,\"fallthrough\":{\"variation\":0}}")
                .expect(200);
        int versions = history().size();
        api.clock.set(NINE);
        api.scheduler().tick();
        assertThat(request(id).path("state").asText()).isEqualTo("stale");
        assertThat(history()).hasSize(versions);
        assertThat(on()).isTrue();
    }

    @Test
    void anEditMovingApplyAtLaterIsHonoured() {
        String id = proposeAtNine("[{\"flag\":\"checkout\",\"on\":false}]");
        String later = NINE.plusSeconds(3600).toString();
        api.call("PUT", env() + "/change-requests/" + id).as(BOB).ifMatch("\"1\"").json("{\"title\":\"at ten\","
                + "\"applyAt\":\"" + later + "\",\"changes\":[{\"flag\":\"checkout\",\"on\":false}]}").expect(200);
        approve(id);
        api.clock.set(NINE);
        api.scheduler().tick();
        assertThat(on()).as("not at the old time").isTrue();
        api.clock.set(Instant.parse(later));
        assertThat(api.scheduler().tick()).isEqualTo(1);
        assertThat(on()).isFalse();
    }

    // --- 2. protected environments refuse schedules and plans --------------------------------------------------

    @Test
    void schedulesAndPlansAreRefusedInAProtectedEnvironmentPointingToChangeRequests() {
        protect();
        AdminFixture.Reply schedule = api.call("POST", config() + "/schedules").comment("later")
                .json("{\"at\":\"" + NINE + "\",\"change\":{\"on\":false}}").expect(403);
        assertThat(schedule.json().path("changeRequests").asText()).isEqualTo(env() + "/change-requests");
        AdminFixture.Reply plan = api.call("POST", config() + "/rollouts").json("{\"variation\":0,\"steps\":"
                + "[{\"percent\":10,\"hold\":\"PT1H\"},{\"percent\":100}],\"comment\":\"ramp\"}").expect(403);
        assertThat(plan.json().path("changeRequests").asText()).isEqualTo(env() + "/change-requests");
        assertThat(api.get(config() + "/schedules").expect(200).json().path("items")).isEmpty();
        api.get(config() + "/rollouts/current").expect(404);
        assertThat(history()).hasSize(1);
    }

    @Test
    void aScheduleWrittenBeforeProtectionIsNotAppliedAndMayBeCancelled() {
        String refused = api.call("POST", config() + "/schedules").json("{\"at\":\"" + NINE
                + "\",\"change\":{\"on\":false}}").expect(201).json().path("id").asText();
        String cancelled = api.call("POST", config() + "/schedules").json("{\"at\":\"" + NINE
                + "\",\"change\":{\"on\":false}}").expect(201).json().path("id").asText();
        protect();
        api.call("DELETE", config() + "/schedules/" + cancelled).comment("not now").expect(200);
        api.clock.set(NINE);
        api.scheduler().tick();
        assertThat(schedule(refused).path("status").asText()).isEqualTo("conflict");
        assertThat(schedule(refused).path("detail").asText()).contains("protected").contains("change request");
        assertThat(schedule(cancelled).path("status").asText()).isEqualTo("cancelled");
        assertThat(on()).isTrue();
        assertThat(history()).hasSize(1);
    }

    private JsonNode schedule(String id) {
        for (JsonNode schedule : api.get(config() + "/schedules").expect(200).json().path("items")) {
            if (schedule.path("id").asText().equals(id)) {
                return schedule;
            }
        }
        throw new AssertionError("no schedule " + id);
    }

    @Test
    void aPlanRunningWhenProtectedPausesMayBePausedAndAbortedButNotResumedOrAdvanced() {
        api.call("POST", config() + "/rollouts").json("{\"variation\":0,\"steps\":[{\"percent\":10,\"hold\":"
                + "\"PT1H\"},{\"percent\":50,\"hold\":\"PT1H\"},{\"percent\":100}]}").expect(201);
        protect();
        api.clock.set(NINE);
        api.scheduler().tick();
        JsonNode plan = api.get(config() + "/rollouts/current").expect(200).json();
        assertThat(plan.path("status").asText()).isEqualTo("paused");
        assertThat(plan.path("step").asInt()).isEqualTo(1);
        assertThat(plan.path("detail").asText()).contains("protected");

        api.call("POST", config() + "/rollouts/current/resume").comment("go on").expect(403);
        api.call("POST", config() + "/rollouts/current/advance").comment("go on").expect(403);
        api.call("POST", config() + "/rollouts/current/abort").json("{\"comment\":\"stop\"}").expect(200);
        HistoryEntry<FlagConfig> abort = history().get(0);
        assertThat(abort.action()).isEqualTo("rollout-abort");
        assertThat(abort.content().fallthrough().variation()).isEqualTo(1);
    }

    @Test
    void aRunningPlanMayBePausedInAProtectedEnvironment() {
        api.call("POST", config() + "/rollouts").json("{\"variation\":0,\"steps\":[{\"percent\":10,\"hold\":"
                + "\"PT1H\"},{\"percent\":100}]}").expect(201);
        protect();
        assertThat(api.call("POST", config() + "/rollouts/current/pause").expect(200).json().path("status")
                .asText()).isEqualTo("paused");
    }

    // --- 3. guard rollbacks are exempt -------------------------------------------------------------------------

    @Test
    void aGuardRestoreGoesThroughInAProtectedEnvironmentAndIsAudited() {
        api.call("POST", config() + "/rollouts").json("{\"variation\":0,\"steps\":[{\"percent\":10,\"hold\":"
                + "\"PT1H\"},{\"percent\":100}],\"guards\":[\"checkout-5xx\"]}").expect(201);
        protect();
        List<GuardRestore> notified = new ArrayList<>();

        List<GuardRestore> restores = api.guards(notified::add).alarmChanged("checkout-5xx", "ALARM");

        assertThat(restores).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("rollout"));
        assertThat(notified).isEqualTo(restores);
        HistoryEntry<FlagConfig> restore = history().get(0);
        assertThat(restore.principal()).isEqualTo("vexil:guard");
        assertThat(restore.content().fallthrough().variation()).isEqualTo(1);
        JsonNode audit = api.get(env() + "/audit").expect(200).json().path("items").get(0);
        assertThat(audit.path("principal").asText()).isEqualTo("vexil:guard");
        assertThat(audit.path("comment").asText()).contains("checkout-5xx");
    }
}
