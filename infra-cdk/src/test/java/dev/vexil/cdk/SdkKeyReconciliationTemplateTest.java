package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.asList;
import static dev.vexil.cdk.TemplateQueries.getAtt;
import static dev.vexil.cdk.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The scheduled SDK-key reconciliation: its function, its schedule and exactly the access it needs. */
class SdkKeyReconciliationTemplateTest {
    private static Template template;
    private static TemplateQueries queries;
    private static String table;
    private static String keyStore;
    private static String function;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        table = queries.vexilTable();
        keyStore = queries.onlyLogicalId("AWS::CloudFront::KeyValueStore");
        function = queries.functionFor(SdkKeyReconciliation.HANDLER);
    }

    @Test
    void theFunctionKnowsTheTableAndTheStore() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", SdkKeyReconciliation.HANDLER + "::handleRequest", "Timeout", 300,
                "Environment", Map.of("Variables", Match.objectEquals(Map.of(
                        "VEXIL_TABLE", ref(table), "VEXIL_KVS_ARN", getAtt(keyStore, "Arn"),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventBridgeRuleRunsItEveryFifteenMinutesThroughItsAlias() {
        // the stack's other rules are release automation's (ReleaseAutomationTemplateTest)
        var rules = queries.ofType("AWS::Events::Rule").entrySet().stream()
                .filter(e -> e.getKey().startsWith("VexilKeyReconciliation")).map(Map.Entry::getValue).toList();
        assertThat(rules).hasSize(1);
        Map<String, Object> rule = rules.get(0);
        assertThat(rule).containsEntry("ScheduleExpression", "rate(15 minutes)").containsEntry("State", "ENABLED");
        List<Map<String, Object>> targets = (List<Map<String, Object>>) rule.get("Targets");
        assertThat(targets).singleElement().satisfies(t -> assertThat(t.get("Arn").toString()).contains("Live"));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com")));
    }

    @Test
    void aFailedRunAlarms() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "Errors", "Threshold", 1, "Period", 900,
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(function))))));
    }

    @Test
    void itReadsTheTableAndReadsAndBatchWritesOnlyTheStore() {
        var statements = queries.statementsOfFunction(function);
        assertThat(statements).allSatisfy(s -> assertThat(s.get("Effect")).isEqualTo("Allow"));
        assertThat(statements.stream().flatMap(s -> asList(s.get("Action")).stream()).map(Object::toString)
                .filter(a -> !a.startsWith("logs:")).toList())
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query",
                        "cloudfront-keyvaluestore:DescribeKeyValueStore", "cloudfront-keyvaluestore:GetKey",
                        "cloudfront-keyvaluestore:UpdateKeys");
        statements.stream().filter(s -> asList(s.get("Action")).stream().anyMatch(a -> a.toString()
                        .startsWith("dynamodb:") || a.toString().startsWith("cloudfront")))
                .forEach(s -> assertThat(asList(s.get("Resource")))
                        .allSatisfy(r -> assertThat(r).isIn(getAtt(table, "Arn"), getAtt(keyStore, "Arn"))));
    }
}
