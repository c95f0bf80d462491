package dev.vexil.functions.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.release.GuardAlarms;
import dev.vexil.core.release.GuardRestore;
import dev.vexil.core.release.ReleaseAutomation;
import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.ResourceType;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.model.FlagConfig;
import dev.vexil.testsupport.DynaliteExtension;
import dev.vexil.testsupport.DynaliteServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scheduler and guard Lambda handlers over the AWS adapters on dynalite (the Vexil table and the release
 * table), driven through the admin API as on AWS: a due schedule applied by one tick, and a guard event restoring
 * a plan.
 */
@ExtendWith(DynaliteExtension.class)
class ReleaseHandlersOnDynamoDbTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String ALICE = "arn:aws:iam::123456789012:user/alice";
    private static final String BOB = "arn:aws:iam::123456789012:user/bob";
    private static final ObjectMapper MAPPER = AdminJson.newMapper();
    private static DynamoDbClient client;
    private static DynamoDbFlagRepository repository;
    private static ReleaseAutomation release;

    @BeforeAll
    static void tables(DynaliteServer dynalite) {
        client = dynalite.newClient();
        VexilTable.create(client, "vexil-release-handlers");
        ReleaseTable.create(client, "vexil-release-handlers-release");
        repository = new DynamoDbFlagRepository(client, "vexil-release-handlers");
        release = new ReleaseAutomation(new DynamoDbReleaseStore(client, "vexil-release-handlers-release"),
                GuardAlarms.ANY_NAME);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static ApiResponse call(Clock clock, String method, String path, String body) {
        return call(clock, ALICE, method, path, body, null);
    }

    /** As {@code principal}, with {@code If-Match: ifMatch} unless it is null. */
    private static ApiResponse call(Clock clock, String principal, String method, String path, String body,
                                    String ifMatch) {
        AdminApi api = AdminApi.builder(repository, clock, MAPPER).release(release).build();
        Map<String, String> headers = ifMatch == null ? Map.of("content-type", "application/json")
                : Map.of("content-type", "application/json", "if-match", ifMatch);
        ApiResponse response = api.handle(new ApiRequest(method, path, headers, Map.of(), body, false, principal,
                Map.of()));
        assertThat(response.status()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response;
    }

    private static String flag(Clock clock, String project) {
        call(clock, "POST", "/v1/projects", "{\"key\":\"" + project + "\",\"name\":\"p\"}");
        call(clock, "POST", "/v1/projects/" + project + "/environments", "{\"key\":\"prod\",\"name\":\"Prod\"}");
        call(clock, "PUT", "/v1/projects/" + project + "/flags/checkout",
                "{\"name\":\"c\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}");
        String config = "/v1/projects/" + project + "/environments/prod/flags/checkout";
        call(clock, "PUT", config, "{\"on\":false,\"fallthrough\":{\"variation\":1}}");
        return config;
    }

    @Test
    void oneSchedulerInvocationAppliesADueSchedule() {
        Clock created = Clock.fixed(NOW, ZoneOffset.UTC);
        String config = flag(created, "handler-schedule");
        call(created, "POST", config + "/schedules", "{\"at\":\"" + NOW.plusSeconds(60) + "\",\"change\":{\"on\":true}}");

        Clock due = Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC);
        ReleaseSchedulerHandler handler = new ReleaseSchedulerHandler(release.scheduler(repository, MAPPER, due));
        assertThat(handler.handleRequest(Map.of("source", "aws.events"), null)).containsEntry("ran", 1);

        List<HistoryEntry<FlagConfig>> history = repository.flagConfigHistory("handler-schedule", "prod", "checkout");
        assertThat(history.get(0).principal()).isEqualTo("vexil:scheduler");
        assertThat(history.get(0).content().on()).isTrue();
        assertThat(handler.handleRequest(Map.of(), null)).as("applied once").containsEntry("ran", 0);
    }

    @Test
    void aSchedulesCreationAndCancellationAreInTheEnvironmentAuditLog() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String config = flag(clock, "handler-audit");
        String id = call(clock, "POST", config + "/schedules", "{\"at\":\"" + NOW.plusSeconds(60)
                + "\",\"change\":{\"on\":true},\"comment\":\"promo\"}").body().path("id").asText();
        call(clock, "DELETE", config + "/schedules/" + id, null);
        ReleaseSchedulerHandler handler = new ReleaseSchedulerHandler(release.scheduler(repository, MAPPER,
                Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC)));
        assertThat(handler.handleRequest(Map.of(), null)).as("nothing left to run").containsEntry("ran", 0);

        List<AuditEntry> audit = repository.auditLog(new AuditQuery("handler-audit", "prod", null,
                ResourceType.SCHEDULE, null, null, null), null, 10).items();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("cancel", "create");
        assertThat(audit).extracting(AuditEntry::resourceKey).containsOnly("checkout/" + id);
        assertThat(audit.get(1).comment()).isEqualTo("promo");
    }

    @Test
    void oneSchedulerInvocationAppliesAnApprovedChangeRequestAtItsApplyAt() {
        Clock created = Clock.fixed(NOW, ZoneOffset.UTC);
        String config = flag(created, "handler-timed");
        call(created, ALICE, "PUT", "/v1/projects/handler-timed", "{\"name\":\"p\",\"roles\":{\"" + ALICE
                + "\":\"admin\",\"" + BOB + "\":\"editor\"}}", "\"1\"");
        String env = "/v1/projects/handler-timed/environments/prod";
        call(created, ALICE, "PUT", env, "{\"name\":\"Prod\",\"protected\":true}", "\"1\"");
        String id = call(created, BOB, "POST", env + "/change-requests", "{\"title\":\"launch\",\"applyAt\":\""
                + NOW.plusSeconds(120) + "\",\"changes\":[{\"flag\":\"checkout\",\"on\":true}]}", null).body()
                .path("id").asText();
        call(created, "POST", env + "/change-requests/" + id + "/reviews", "{\"decision\":\"approve\"}");

        Clock early = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
        assertThat(new ReleaseSchedulerHandler(release.scheduler(repository, MAPPER, early))
                .handleRequest(Map.of(), null)).containsEntry("ran", 0);
        ReleaseSchedulerHandler handler = new ReleaseSchedulerHandler(release.scheduler(repository, MAPPER,
                Clock.fixed(NOW.plusSeconds(121), ZoneOffset.UTC)));
        assertThat(handler.handleRequest(Map.of(), null)).containsEntry("ran", 1);

        HistoryEntry<FlagConfig> applied = repository.flagConfigHistory("handler-timed", "prod", "checkout").get(0);
        assertThat(applied.principal()).isEqualTo("vexil:scheduler");
        assertThat(applied.content().on()).isTrue();
        assertThat(applied.comment()).contains(id).contains("approved by " + ALICE);
        assertThat(call(created, "GET", env + "/change-requests/" + id, null).body().path("state").asText())
                .isEqualTo("applied");
        assertThat(handler.handleRequest(Map.of(), null)).as("applied once").containsEntry("ran", 0);
    }

    @Test
    void aGuardEventRestoresThePlanAndNotifies() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String config = flag(clock, "handler-guard");
        call(clock, "POST", config + "/rollouts", "{\"variation\":0,\"steps\":[{\"percent\":20,\"hold\":\"PT1H\"},"
                + "{\"percent\":100}],\"guards\":[\"checkout-5xx\"]}");
        List<GuardRestore> notified = new ArrayList<>();
        GuardHandler handler = new GuardHandler(release.guards(repository, notified::add, MAPPER, clock));

        Map<String, Object> event = Map.of("source", "aws.cloudwatch", "detail-type", "CloudWatch Alarm State Change",
                "detail", Map.of("alarmName", "checkout-5xx", "state", Map.of("value", "ALARM"),
                        "previousState", Map.of("value", "OK")));
        assertThat(handler.handleRequest(event, null)).containsEntry("restores", 1);

        HistoryEntry<FlagConfig> restore = repository.flagConfigHistory("handler-guard", "prod", "checkout").get(0);
        assertThat(restore.principal()).isEqualTo("vexil:guard");
        assertThat(restore.comment()).contains("checkout-5xx");
        assertThat(restore.content().fallthrough().variation()).isEqualTo(1);
        assertThat(notified).singleElement().satisfies(n -> assertThat(n.alarm()).isEqualTo("checkout-5xx"));
        assertThat(SnsGuardNotifier.subject(notified.get(0))).startsWith("Vexil guard checkout-5xx restored")
                .hasSizeLessThanOrEqualTo(SnsGuardNotifier.MAX_SUBJECT);
    }

    @Test
    void anEventThatIsNotAnAlarmStateChangeFailsTheInvocation() {
        GuardHandler handler = new GuardHandler(release.guards(repository, n -> { }, MAPPER, Clock.systemUTC()));
        assertThatThrownBy(() -> handler.handleRequest(Map.of("detail", Map.of("alarmName", "x")), null))
                .hasMessageContaining("detail.state.value");
        assertThatThrownBy(() -> handler.handleRequest(Map.of(), null)).hasMessageContaining("no detail");
    }
}
