package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.release.GuardRestore;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.model.FlagConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Guard alarms: a plan aborted, or a schedule undone in its bake time, with the restore notified. */
class GuardsTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private final List<GuardRestore> notified = new ArrayList<>();
    private String project;
    private String config;

    @BeforeEach
    void flag() {
        api.clock.set(AdminFixture.NOW);
        project = api.project("guard", "production");
        api.booleanFlag(project, "checkout");
        config = "/v1/projects/" + project + "/environments/production/flags/checkout";
        api.call("PUT", config).json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(201);
    }

    private List<HistoryEntry<FlagConfig>> history() {
        return api.repository.flagConfigHistory(project, "production", "checkout");
    }

    private List<GuardRestore> alarm(String name, String state) {
        List<GuardRestore> restores = api.guards(notified::add).alarmChanged(name, state);
        return restores;
    }

    @Test
    void anAlarmDuringAPlanAbortsItAndRestoresThePrePlanConfiguration() {
        api.call("POST", config + "/rollouts").json("{\"variation\":0,\"steps\":[{\"percent\":10,\"hold\":\"PT1H\"},"
                + "{\"percent\":100}],\"guards\":[\"checkout-5xx\"],\"bakeTime\":\"PT30M\"}").expect(201);
        assertThat(alarm("checkout-5xx", "OK")).as("only ALARM acts").isEmpty();
        assertThat(alarm("other-alarm", "ALARM")).as("an alarm nobody watches").isEmpty();

        List<GuardRestore> restores = alarm("checkout-5xx", "ALARM");

        assertThat(restores).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("rollout"));
        assertThat(notified).isEqualTo(restores);
        HistoryEntry<FlagConfig> restore = history().get(0);
        assertThat(restore.principal()).isEqualTo("vexil:guard");
        assertThat(restore.comment()).contains("checkout-5xx");
        assertThat(restore.content()).isEqualTo(history().get(history().size() - 1).content());
        JsonNode plan = api.get(config + "/rollouts/current").expect(200).json();
        assertThat(plan.path("status").asText()).isEqualTo("aborted");
        assertThat(plan.path("restoredVersion").asLong()).isEqualTo(restore.version());

        assertThat(alarm("checkout-5xx", "ALARM")).as("an aborted plan is not restored twice").isEmpty();
    }

    @Test
    void anAlarmInTheBakeTimeAfterACompletedPlanRestoresIt() {
        api.call("POST", config + "/rollouts").json("{\"variation\":0,\"steps\":[{\"percent\":100}],"
                + "\"guards\":[\"checkout-5xx\"],\"bakeTime\":\"PT30M\"}").expect(201);
        assertThat(api.get(config + "/rollouts/current").expect(200).json().path("status").asText())
                .isEqualTo("completed");
        api.clock.advance(Duration.ofMinutes(29));
        assertThat(alarm("checkout-5xx", "ALARM")).hasSize(1);
        assertThat(history().get(0).content().fallthrough().variation()).isEqualTo(1);
    }

    @Test
    void anAlarmAfterTheBakeTimeChangesNothing() {
        api.call("POST", config + "/rollouts").json("{\"variation\":0,\"steps\":[{\"percent\":100}],"
                + "\"guards\":[\"checkout-5xx\"],\"bakeTime\":\"PT30M\"}").expect(201);
        api.clock.advance(Duration.ofMinutes(31));
        assertThat(alarm("checkout-5xx", "ALARM")).isEmpty();
        assertThat(history().get(0).principal()).isEqualTo(AdminFixture.ALICE);
    }

    @Test
    void anAlarmInTheBakeTimeOfAScheduledChangeUndoesIt() {
        api.call("POST", config + "/schedules").json("{\"at\":\"" + AdminFixture.NOW.plusSeconds(60)
                + "\",\"change\":{\"on\":false},\"guards\":[\"latency\"],\"bakeTime\":\"PT10M\"}").expect(201);
        api.clock.advance(Duration.ofMinutes(1));
        api.scheduler().tick();
        assertThat(history().get(0).content().on()).isFalse();

        api.clock.advance(Duration.ofMinutes(5));
        assertThat(alarm("latency", "ALARM")).hasSize(1);
        HistoryEntry<FlagConfig> restore = history().get(0);
        assertThat(restore.principal()).isEqualTo("vexil:guard");
        assertThat(restore.comment()).contains("latency");
        assertThat(restore.content().on()).isTrue();
        JsonNode schedule = api.get(config + "/schedules").expect(200).json().path("items").get(0);
        assertThat(schedule.path("status").asText()).isEqualTo("restored");
        assertThat(notified).hasSize(1);
    }
}
