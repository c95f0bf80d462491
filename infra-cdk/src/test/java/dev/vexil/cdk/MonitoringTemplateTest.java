package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.compiler.CompileResult;
import dev.vexil.model.MalformedFlag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Alarms to one SNS topic, the dashboard and the stack outputs, as deployed by the dev stage of cdk.json. */
class MonitoringTemplateTest {
    private static Template template;
    private static TemplateQueries queries;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
    }

    @Test
    void everyAlarmNotifiesTheTopic() {
        String topic = queries.onlyLogicalId("AWS::SNS::Topic");
        var alarms = queries.ofType("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSizeGreaterThanOrEqualTo(10);
        assertThat(alarms.values()).allSatisfy(alarm ->
                assertThat(alarm.get("AlarmActions")).isEqualTo(List.of(ref(topic))));
    }

    @Test
    void compilerErrorsThrottlesAndApi5xxAreAlarmed() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda",
                "MetricName", "Errors", "Dimensions", List.of(Map.of("Name", "FunctionName",
                        "Value", ref(queries.functionFor(Compute.COMPILER_HANDLER))))));
        for (String handler : List.of(Compute.ADMIN_HANDLER, Compute.COMPILER_HANDLER, Compute.KEY_SYNC_HANDLER)) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda",
                    "MetricName", "Throttles", "Dimensions", List.of(Map.of("Name", "FunctionName",
                            "Value", ref(queries.functionFor(handler))))));
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/ApiGateway",
                "MetricName", "5xx", "Threshold", 1));
    }

    @Test
    void eachDeadLetterQueueAlarmsAsSoonAsOneMessageArrives() {
        for (String queue : queries.ofType("AWS::SQS::Queue").keySet()) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Dimensions", List.of(Map.of("Name", "QueueName",
                            "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))))));
        }
    }

    @Test
    void snapshotLagAndCompileFailuresAreAlarmedAcrossEveryEnvironment() {
        // The compiler's EMF metrics only exist per project/environment, so the alarms are Metrics Insights queries.
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 60_000,
                "Metrics", List.of(Map.of("Id", "expr_1", "Label", "PublishLagMs", "Period", 300, "ReturnData", true,
                        "Expression", "SELECT MAX(PublishLagMs) FROM SCHEMA(\"Vexil\", environment, project)"))));
        for (String metric : List.of("CompileFailures", "InvalidEnvironment")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 1,
                    "Metrics", List.of(Match.objectLike(Map.of("Period", 300, "Expression",
                            "SELECT SUM(" + metric + ") FROM SCHEMA(\"Vexil\", environment, project)")))));
        }
    }

    @Test
    void malformedFlagsAndOversizedSnapshotsAreAlarmedOnTheMetricsTheCompilerEmits() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 1,
                "Metrics", List.of(Match.objectLike(Map.of("Expression",
                        "SELECT MAX(MalformedFlags) FROM SCHEMA(\"Vexil\", environment, project)")))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 1,
                "Metrics", List.of(Match.objectLike(Map.of("Expression",
                        "SELECT SUM(SnapshotTooLarge) FROM SCHEMA(\"Vexil\", environment, project)")))));
        MalformedFlag broken = new MalformedFlag("checkout",
                List.of(new MalformedFlag.FlagProblem("rules[0]", "unknown segment")));
        assertThat(EmittedMetrics.metricNames(new CompileResult("shop", "prod", 3, CompileResult.Outcome.PUBLISHED,
                2, 0, 100L, 50L, 1, List.of(), List.of(broken)))).contains("MalformedFlags");
        assertThat(EmittedMetrics.metricNames(new CompileResult("shop", "prod", 3, CompileResult.Outcome.TOO_LARGE,
                2, 0, 20_000_000L, 5_000_000L, 1, List.of(), List.of()))).containsExactly("SnapshotTooLarge");
    }

    @Test
    void alarmQueriesUseTheNamespaceAndDimensionsTheCompilerPublishes() {
        JsonNode directive = EmittedMetrics.compileFailureDirective();
        assertThat(directive.path("Namespace").asText()).isEqualTo(Monitoring.METRICS_NAMESPACE);
        Set<String> dimensions = new TreeSet<>();
        directive.path("Dimensions").get(0).forEach(d -> dimensions.add(d.asText()));
        assertThat(directive.path("Dimensions")).hasSize(1);
        assertThat(Monitoring.vexilMetric("CompileFailures", "SUM").getExpression())
                .endsWith("FROM SCHEMA(\"Vexil\", " + String.join(", ", dimensions) + ")");
    }

    @Test
    void dashboardAndOutputsExist() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        for (String output : List.of("VexilAdminApiUrl", "VexilCdnDomain", "VexilTableName", "VexilBucketName")) {
            template.hasOutput(output, Match.objectLike(Map.of("Value", Match.anyValue())));
        }
    }
}
