package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.asList;
import static dev.vexil.cdk.TemplateQueries.getAtt;
import static dev.vexil.cdk.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.functions.release.CloudWatchGuardAlarms;
import dev.vexil.functions.release.ReleaseTable;
import dev.vexil.functions.release.ReleaseWiring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Release automation's resources: the release table and its due index, the scheduler run every minute, the guard
 * run on guard alarms entering ALARM, the notification topic, and exactly the access each function needs.
 */
class ReleaseAutomationTemplateTest {
    private static Template template;
    private static TemplateQueries queries;
    private static String table;
    private static String releaseTable;
    private static String topic;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        table = queries.vexilTable();
        releaseTable = queries.logicalIdStartingWith("AWS::DynamoDB::GlobalTable", "VexilReleaseTable");
        topic = queries.onlyLogicalId("AWS::SNS::Topic");
    }

    @Test
    void theReleaseTableHasTheStoresKeysAndADueIndexAndNoStream() {
        var definition = ReleaseTable.definition("release");
        Map<String, Object> resource = queries.ofType("AWS::DynamoDB::GlobalTable").get(releaseTable);
        assertThat(resource).containsEntry("BillingMode", "PAY_PER_REQUEST").doesNotContainKey("StreamSpecification");
        assertThat(resource.get("KeySchema")).isEqualTo(definition.keySchema().stream()
                .map(k -> Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList());
        assertThat(resource.get("GlobalSecondaryIndexes")).isEqualTo(definition.globalSecondaryIndexes().stream()
                .map(index -> Map.of("IndexName", index.indexName(), "Projection", Map.of("ProjectionType", "ALL"),
                        "KeySchema", index.keySchema().stream().map(k -> Map.of("AttributeName", k.attributeName(),
                                "KeyType", k.keyTypeAsString())).toList())).toList());
    }

    @Test
    void theSchedulerRunsEveryMinuteOverBothTables() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ReleaseAutomation.SCHEDULER_HANDLER + "::handleRequest",
                "Environment", Map.of("Variables", Match.objectEquals(Map.of("VEXIL_TABLE", ref(table),
                        ReleaseWiring.TABLE_VARIABLE, ref(releaseTable),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
        Map<String, Object> rule = rule("VexilReleaseTick");
        assertThat(rule).containsEntry("ScheduleExpression", "rate(1 minute)").containsEntry("State", "ENABLED");
        assertThat(rule.get("Targets").toString()).contains("VexilReleaseSchedulerLive");
    }

    @Test
    void theGuardRunsOnGuardAlarmsEnteringAlarmAndKnowsTheTopic() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ReleaseAutomation.GUARD_HANDLER + "::handleRequest",
                "Environment", Map.of("Variables", Match.objectEquals(Map.of("VEXIL_TABLE", ref(table),
                        ReleaseWiring.TABLE_VARIABLE, ref(releaseTable), ReleaseWiring.TOPIC_VARIABLE, ref(topic),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
        Map<String, Object> rule = rule("VexilReleaseGuardAlarms");
        assertThat(rule.get("EventPattern")).isEqualTo(Map.of("source", List.of("aws.cloudwatch"),
                "detail-type", List.of("CloudWatch Alarm State Change"),
                "detail", Map.of("alarmName", List.of(Map.of("prefix", CloudWatchGuardAlarms.PREFIX)),
                        "state", Map.of("value", List.of("ALARM")))));
        assertThat(rule.get("Targets").toString()).contains("VexilReleaseGuardLive");
        assertThat(ReleaseAutomation.GUARD_PREFIX).isEqualTo(CloudWatchGuardAlarms.PREFIX);
    }

    @Test
    void theSchedulerAndTheGuardWriteFlagsAndReleaseItemsAndNothingElse() {
        for (String handler : List.of(ReleaseAutomation.SCHEDULER_HANDLER, ReleaseAutomation.GUARD_HANDLER)) {
            var statements = queries.statementsOfFunction(queries.functionFor(handler));
            assertThat(statements).allSatisfy(s -> assertThat(s.get("Effect")).isEqualTo("Allow"));
            assertThat(statements.stream().flatMap(s -> asList(s.get("Action")).stream()).map(Object::toString)
                    .filter(a -> a.startsWith("dynamodb:")).distinct().toList())
                    .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");
            assertThat(statements.stream().flatMap(s -> asList(s.get("Action")).stream()).map(Object::toString)
                    .filter(a -> !a.startsWith("dynamodb:") && !a.startsWith("logs:")).toList())
                    .as(handler).isEqualTo(handler.equals(ReleaseAutomation.GUARD_HANDLER) ? List.of("sns:Publish")
                            : List.of());
        }
        var guard = queries.statementsOfFunction(queries.functionFor(ReleaseAutomation.GUARD_HANDLER));
        assertThat(guard).filteredOn(s -> asList(s.get("Action")).contains("sns:Publish"))
                .singleElement().satisfies(s -> assertThat(s.get("Resource")).isEqualTo(ref(topic)));
    }

    @Test
    void theAdminFunctionReadsAndWritesReleaseItemsAndDescribesOnlyGuardAlarms() {
        var statements = queries.statementsOfFunction(queries.functionFor(Compute.ADMIN_HANDLER));
        assertThat(statements).filteredOn(s -> asList(s.get("Resource")).contains(getAtt(releaseTable, "Arn")))
                .singleElement().satisfies(s -> assertThat(asList(s.get("Action"))).containsExactlyInAnyOrder(
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"));
        assertThat(statements).filteredOn(s -> asList(s.get("Action")).contains("cloudwatch:DescribeAlarms"))
                .singleElement().satisfies(s -> assertThat(s.get("Resource").toString())
                        .contains(":alarm:" + CloudWatchGuardAlarms.PREFIX + "*"));
    }

    private static Map<String, Object> rule(String prefix) {
        return queries.ofType("AWS::Events::Rule").get(queries.logicalIdStartingWith("AWS::Events::Rule", prefix));
    }
}
