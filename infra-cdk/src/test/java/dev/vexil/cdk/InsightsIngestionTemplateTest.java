package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.getAtt;
import static dev.vexil.cdk.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.insights.BufferedInsightsStore;
import dev.vexil.functions.insights.InsightsTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Flag insights on AWS: POST /sdk/v1/events through the SDK gate to the ingest's function URL (OAC), the insights
 * table with its TTL, and the admin function reading it.
 */
class InsightsIngestionTemplateTest {
    /** AWS's managed "CachingDisabled" cache policy. */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    private static Template template;
    private static TemplateQueries queries;
    private static String table;
    private static String ingest;
    private static String bucket;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        table = queries.ofType("AWS::DynamoDB::GlobalTable").keySet().stream()
                .filter(id -> id.startsWith("VexilInsightsTable")).findFirst().orElseThrow();
        ingest = queries.functionFor(InsightsIngestion.HANDLER);
        bucket = "VexilDataSnapshots";
    }

    @Test
    void theInsightsTableIsTheStoresDefinitionWithATimeToLive() {
        CreateTableRequest store = InsightsTable.definition("insights");
        Map<String, Object> properties = queries.ofType("AWS::DynamoDB::GlobalTable").get(table);
        assertThat(properties.get("KeySchema")).isEqualTo(store.keySchema().stream()
                .map(k -> Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList());
        assertThat(properties.get("BillingMode")).isEqualTo(store.billingModeAsString());
        assertThat(properties.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName",
                InsightsTable.EXPIRES_AT, "Enabled", true));
        assertThat(InsightsIngestion.EXPIRES_AT).isEqualTo(InsightsTable.EXPIRES_AT);
        assertThat(properties).doesNotContainKey("StreamSpecification");
    }

    @Test
    @SuppressWarnings("unchecked")
    void productionRetainsAndProtectsTheCounts() {
        Map<String, Object> resources = (Map<String, Object>) SynthesizedApp.templateJson("prod").get("Resources");
        Map<String, Object> prod = (Map<String, Object>) resources.entrySet().stream()
                .filter(e -> e.getKey().startsWith("VexilInsightsTable")).findFirst().orElseThrow().getValue();
        assertThat(prod).containsEntry("DeletionPolicy", "Retain");
        assertThat(prod.get("Properties").toString()).contains("DeletionProtectionEnabled=true");
    }

    @Test
    void theIngestKnowsItsTableAndTheBucketAndIsReachedThroughAnIamFunctionUrlOnItsAlias() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", InsightsIngestion.HANDLER + "::handleRequest",
                "Environment", Map.of("Variables", Match.objectEquals(Map.of(
                        "VEXIL_INSIGHTS_TABLE", ref(table), "VEXIL_BUCKET", Match.objectLike(Map.of("Ref",
                                Match.stringLikeRegexp(bucket + ".*"))),
                        "VEXIL_INSIGHTS_FLUSH_AFTER", "PT60S",
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
        var urls = queries.ofType("AWS::Lambda::Url");
        assertThat(urls).hasSize(1);
        Map<String, Object> url = urls.values().iterator().next();
        assertThat(url).containsEntry("AuthType", "AWS_IAM").containsEntry("Qualifier", JavaFunction.ALIAS_NAME);
        assertThat(url.get("TargetFunctionArn").toString()).contains(ingest);
    }

    @Test
    void theIngestBuffersAMinuteAndRunsAtMostThirtyInstances() {
        assertThat(BufferedInsightsStore.Policy.fromSetting(InsightsIngestion.FLUSH_AFTER, Duration.ZERO)
                .flushAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(queries.ofType("AWS::Lambda::Function").get(ingest))
                .containsEntry("ReservedConcurrentExecutions", 30);
    }

    @Test
    void ingestErrorsAndThrottlesAlarmTheStacksTopic() {
        String topic = queries.onlyLogicalId("AWS::SNS::Topic");
        for (String metric : List.of("Errors", "Throttles")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda",
                    "MetricName", metric, "Statistic", "Sum", "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(ingest))),
                    "AlarmActions", List.of(ref(topic)), "OKActions", List.of(ref(topic))));
        }
    }

    @Test
    void onlyThisDistributionMayInvokeTheFunctionUrl() {
        var cloudFront = queries.ofType("AWS::Lambda::Permission").values().stream()
                .filter(p -> "cloudfront.amazonaws.com".equals(p.get("Principal"))).toList();
        assertThat(cloudFront).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("Action").toString()).startsWith("lambda:InvokeFunction");
            assertThat(p.get("SourceArn").toString()).contains("distribution/").contains("VexilCdnDistribution");
        });
        assertThat(cloudFront).anySatisfy(p -> assertThat(p.get("Action")).isEqualTo("lambda:InvokeFunctionUrl"));
        // Function URLs created since October 2025 also need InvokeFunction, here only through the URL.
        assertThat(cloudFront).anySatisfy(p -> assertThat(p).containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("InvokedViaFunctionUrl", true));
        assertThat(cloudFront).hasSize(2);
        template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of(
                "OriginAccessControlConfig", Match.objectLike(Map.of("OriginAccessControlOriginType", "lambda",
                        "SigningBehavior", "always", "SigningProtocol", "sigv4"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventsAreGatedUncachedAndForwardOnlyTheBodyHeaders() {
        String gate = queries.onlyLogicalId("AWS::CloudFront::Function");
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("CacheBehaviors", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "PathPattern", InsightsIngestion.EVENTS_PATH,
                        "ViewerProtocolPolicy", "https-only",
                        "AllowedMethods", List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"),
                        "CachePolicyId", CACHING_DISABLED,
                        "FunctionAssociations", List.of(Map.of("EventType", "viewer-request",
                                "FunctionARN", getAtt(gate, "FunctionARN")))))))))));
        Map<String, Object> policy = queries.ofType("AWS::CloudFront::OriginRequestPolicy").values().iterator().next();
        Map<String, Object> config = (Map<String, Object>) policy.get("OriginRequestPolicyConfig");
        assertThat(config.get("HeadersConfig")).isEqualTo(Map.of("HeaderBehavior", "whitelist",
                "Headers", List.of("content-type", "content-encoding", "x-amz-content-sha256")));
        assertThat(config.get("CookiesConfig")).isEqualTo(Map.of("CookieBehavior", "none"));
        assertThat(config.get("QueryStringsConfig")).isEqualTo(Map.of("QueryStringBehavior", "none"));
    }

    @Test
    void theAdminFunctionReadsTheInsightsTable() {
        String admin = queries.functionFor(Compute.ADMIN_HANDLER);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) queries
                .ofType("AWS::Lambda::Function").get(admin).get("Environment")).get("Variables");
        assertThat(variables).containsEntry("VEXIL_INSIGHTS_TABLE", ref(table));
        assertThat(queries.statementsOfFunction(admin)).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("dynamodb:Query");
            assertThat(s.get("Resource")).isEqualTo(getAtt(table, "Arn"));
        });
    }
}
