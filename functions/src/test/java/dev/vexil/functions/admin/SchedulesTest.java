package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.release.ReleaseEvent;
import dev.vexil.core.release.Schedule;
import dev.vexil.core.release.store.ReleaseKey;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.model.FlagConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scheduled changes through the admin API, applied by the scheduler as the local stack and the Lambda run it. */
class SchedulesTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private String project;
    private String config;

    @BeforeEach
    void flagAtVersionOne() {
        api.clock.set(AdminFixture.NOW);
        project = api.project("sched", "production");
        api.booleanFlag(project, "checkout");
        config = "/v1/projects/" + project + "/environments/production/flags/checkout";
        api.call("PUT", config).json("{\"on\":false,\"fallthrough\":{\"variation\":0}}").expect(201);
    }

    private String in(Duration delay) {
        return AdminFixture.NOW.plus(delay).toString();
    }

    private JsonNode schedule(String body) {
        return api.call("POST", config + "/schedules").json(body).expect(201).json();
    }

    private List<HistoryEntry<FlagConfig>> history() {
        return api.repository.flagConfigHistory(project, "production", "checkout");
    }

    @Test
    void aDueScheduleIsAppliedAsTheSchedulerNamingItsAuthorAndId() {
        JsonNode created = schedule("{\"at\":\"" + in(Duration.ofHours(1)) + "\",\"change\":{\"on\":true},"
                + "\"comment\":\"launch\"}");
        assertThat(created.path("status").asText()).isEqualTo("pending");
        assertThat(created.path("basedOn").asLong()).isEqualTo(1);
        assertThat(created.path("createdBy").asText()).isEqualTo(AdminFixture.ALICE);

        assertThat(api.scheduler().tick()).as("not due yet").isZero();
        assertThat(history()).hasSize(1);

        api.clock.advance(Duration.ofHours(1));
        assertThat(api.scheduler().tick()).isEqualTo(1);
        HistoryEntry<FlagConfig> applied = history().get(0);
        assertThat(applied.version()).isEqualTo(2);
        assertThat(applied.principal()).isEqualTo("vexil:scheduler");
        assertThat(applied.action()).isEqualTo("scheduled-change");
        assertThat(applied.comment()).contains(AdminFixture.ALICE).contains(created.path("id").asText())
                .contains("launch");
        assertThat(applied.content().on()).isTrue();

        JsonNode listed = api.get(config + "/schedules").expect(200).json().path("items").get(0);
        assertThat(listed.path("status").asText()).isEqualTo("applied");
        assertThat(listed.path("appliedVersion").asLong()).isEqualTo(2);
        assertThat(listed.path("events").findValuesAsText("event")).containsExactly("created", "applied");

        api.clock.advance(Duration.ofMinutes(5));
        assertThat(api.scheduler().tick()).as("an applied schedule is never run again").isZero();
        assertThat(history()).hasSize(2);
    }

    @Test
    void aScheduleThatMeetsAHumanEditIsMarkedConflictAndOverwritesNothing() {
        schedule("{\"at\":\"" + in(Duration.ofMinutes(10)) + "\",\"change\":{\"on\":true,"
                + "\"fallthrough\":{\"variation\":1}}}");
        api.call("PUT", config).ifMatch("\"1\"").json("{\"on\":false,\"fallthrough\":{\"variation\":1}}").expect(200);

        api.clock.advance(Duration.ofMinutes(10));
        api.scheduler().tick();

        assertThat(history()).hasSize(2);
        assertThat(history().get(0).principal()).isEqualTo(AdminFixture.ALICE);
        JsonNode listed = api.get(config + "/schedules").expect(200).json().path("items").get(0);
        assertThat(listed.path("status").asText()).isEqualTo("conflict");
        assertThat(listed.path("detail").asText()).contains("version 2");
    }

    @Test
    void anOnOffScheduleMayOptInToApplyOverLaterEdits() {
        schedule("{\"at\":\"" + in(Duration.ofMinutes(10)) + "\",\"change\":{\"on\":true},\"onConflict\":\"apply\"}");
        api.call("PUT", config).ifMatch("\"1\"").json("{\"on\":false,\"fallthrough\":{\"variation\":1}}").expect(200);

        api.clock.advance(Duration.ofMinutes(10));
        api.scheduler().tick();

        HistoryEntry<FlagConfig> applied = history().get(0);
        assertThat(applied.version()).isEqualTo(3);
        assertThat(applied.principal()).isEqualTo("vexil:scheduler");
        assertThat(applied.content().on()).isTrue();
        assertThat(applied.content().fallthrough().variation()).as("the human edit is kept").isEqualTo(1);
    }

    @Test
    void aRollbackToScheduleRestoresThatVersion() {
        api.call("PUT", config).ifMatch("\"1\"").json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(200);
        schedule("{\"at\":\"" + in(Duration.ofMinutes(1)) + "\",\"change\":{\"rollbackTo\":1}}");
        api.clock.advance(Duration.ofMinutes(1));
        api.scheduler().tick();
        assertThat(history().get(0).version()).isEqualTo(3);
        assertThat(history().get(0).content()).isEqualTo(history().get(2).content());
    }

    @Test
    void aCancelledScheduleIsNeverApplied() {
        String id = schedule("{\"at\":\"" + in(Duration.ofMinutes(5)) + "\",\"change\":{\"on\":true}}")
                .path("id").asText();
        JsonNode cancelled = api.call("DELETE", config + "/schedules/" + id).expect(200).json();
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("events").findValuesAsText("event")).containsExactly("created", "cancelled");

        api.clock.advance(Duration.ofMinutes(5));
        assertThat(api.scheduler().tick()).isZero();
        assertThat(history()).hasSize(1);
        api.call("DELETE", config + "/schedules/" + id).expect(409);
        api.call("DELETE", config + "/schedules/no-such-id").expect(404);
    }

    private JsonNode scheduleAudit() {
        return api.get("/v1/projects/" + project + "/environments/production/audit")
                .query("resourceType", "SCHEDULE").expect(200).json().path("items");
    }

    @Test
    void creationAndCancellationAreEachOneEntryOfTheEnvironmentAuditLog() {
        String id = schedule("{\"at\":\"" + in(Duration.ofMinutes(5)) + "\",\"change\":{\"on\":true},"
                + "\"comment\":\"promo\"}").path("id").asText();
        api.call("DELETE", config + "/schedules/" + id).comment("not now").expect(200);
        api.clock.advance(Duration.ofMinutes(5));
        api.scheduler().tick();

        JsonNode audit = scheduleAudit();
        assertThat(audit.findValuesAsText("action")).containsExactly("cancel", "create");
        assertThat(audit.findValuesAsText("resourceKey")).containsOnly("checkout/" + id);
        assertThat(audit.findValuesAsText("principal")).containsOnly(AdminFixture.ALICE);
        assertThat(audit.findValuesAsText("comment")).containsExactly("not now", "promo");
        assertThat(audit.get(0).path("version").asLong()).isEqualTo(2);
    }

    @Test
    void aCreationTheAuditLogMissedAfterACrashIsWrittenOnceByTheNextTick() throws Exception {
        // the state a crash between writing the schedule and its audit entry leaves: the item due now
        Instant at = AdminFixture.NOW.plus(Duration.ofHours(1));
        Schedule schedule = new Schedule("crashed-1", at, new ObjectMapper().readTree("{\"on\":true}"), "promo",
                "skip", List.of(), null, 1, Schedule.PENDING, AdminFixture.ALICE, AdminFixture.NOW, null, null, null,
                List.of(new ReleaseEvent(AdminFixture.NOW, "created", AdminFixture.ALICE, "promo", 1L)));
        api.release.create(ReleaseRecord.create(new ReleaseKey(project, "production", "checkout", Schedule.KIND,
                "crashed-1"), AdminFixture.NOW, AdminJson.newMapper().valueToTree(schedule)));
        assertThat(scheduleAudit()).isEmpty();

        assertThat(api.tickAtOnce(2)).as("one scheduler wrote the entry; the change is not due yet").isEqualTo(1);
        assertThat(api.scheduler().tick()).isZero();

        assertThat(scheduleAudit().findValuesAsText("action")).containsExactly("create");
        assertThat(history()).as("nothing applied before its time").hasSize(1);
        api.clock.set(at);
        assertThat(api.scheduler().tick()).isEqualTo(1);
        assertThat(history().get(0).principal()).isEqualTo("vexil:scheduler");
        assertThat(scheduleAudit()).hasSize(1);
    }

    @Test
    void aStaleIfMatchIsRefused() {
        api.call("POST", config + "/schedules").ifMatch("\"7\"")
                .json("{\"at\":\"" + in(Duration.ofMinutes(5)) + "\",\"change\":{\"on\":true}}").expect(412);
        assertThat(api.get(config + "/schedules").expect(200).json().path("items")).isEmpty();
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() {
        Instant now = AdminFixture.NOW;
        expectInvalid("{\"at\":\"" + now.minus(Duration.ofMinutes(2)) + "\",\"change\":{\"on\":true}}", "at");
        expectInvalid("{\"at\":\"" + now.plus(Duration.ofDays(366)) + "\",\"change\":{\"on\":true}}", "at");
        expectInvalid("{\"at\":\"tomorrow\",\"change\":{\"on\":true}}", "at");
        expectInvalid("{\"change\":{\"on\":true}}", "at");
        expectInvalid("{\"at\":\"" + in(Duration.ofHours(1)) + "\"}", "change");
        expectInvalid("{\"at\":\"" + in(Duration.ofHours(1)) + "\",\"change\":{\"on\":\"yes\"}}", "change.on");
        expectInvalid("{\"at\":\"" + in(Duration.ofHours(1)) + "\",\"change\":{\"rollbackTo\":9}}",
                "change.rollbackTo");
        expectInvalid("{\"at\":\"" + in(Duration.ofHours(1)) + "\",\"change\":{\"on\":true,"
                + "\"fallthrough\":{\"variation\":5}}}", "change.fallthrough.variation");
        expectInvalid("{\"at\":\"" + in(Duration.ofHours(1)) + "\",\"change\":{\"on\":true,"
                + "\"fallthrough\":{\"variation\":0}},\"onConflict\":\"apply\"}", "onConflict");
        expectInvalid("{\"at\":\"" + in(Duration.ofHours(1)) + "\",\"change\":{\"on\":true},\"guards\":[\"A\"],"
                + "\"bakeTime\":\"an hour\"}", "bakeTime");
        expectInvalid("{\"at\":\"" + in(Duration.ofHours(1)) + "\",\"change\":{\"on\":true},\"when\":1}", "when");
    }

    private void expectInvalid(String body, String field) {
        AdminFixture.Reply reply = api.call("POST", config + "/schedules").json(body).expect(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.errorPaths()).as(body).contains(field);
        assertThat(api.get(config + "/schedules").expect(200).json().path("items")).as("nothing stored").isEmpty();
        assertThat(history()).hasSize(1);
    }
}
