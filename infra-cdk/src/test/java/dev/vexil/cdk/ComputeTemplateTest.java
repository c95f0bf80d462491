package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.asList;
import static dev.vexil.cdk.TemplateQueries.getAtt;
import static dev.vexil.cdk.TemplateQueries.join;
import static dev.vexil.cdk.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.functions.ratelimit.DynamoDbWriteRateLimiter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Lambdas, their stream event sources and their IAM, as deployed by the dev stage of cdk.json. */
class ComputeTemplateTest {
    private static Template template;
    private static TemplateQueries queries;
    private static String table;
    private static String insightsTable;
    private static String bucket;
    private static String keyStore;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        table = queries.vexilTable();
        insightsTable = queries.ofType("AWS::DynamoDB::GlobalTable").keySet().stream()
                .filter(id -> id.startsWith("VexilInsightsTable")).findFirst().orElseThrow();
        keyStore = queries.onlyLogicalId("AWS::CloudFront::KeyValueStore");
        bucket = queries.ofType("AWS::S3::Bucket").entrySet().stream()
                .filter(e -> e.getValue().containsKey("VersioningConfiguration"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    @Test
    void everyFunctionHasSnapStartOnPublishedVersions() {
        template.resourceCountIs("AWS::Lambda::Function", 8); // with the key reconciliation, push authorizer, insights ingest, release scheduler and guard
        template.allResourcesProperties("AWS::Lambda::Function", Map.of(
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void everyFunctionRunsJava21OnArm64() {
        template.resourceCountIs("AWS::Lambda::Function", 8); // with the key reconciliation, push authorizer, insights ingest, release scheduler and guard
        template.allResourcesProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64")));
    }

    @Test
    void eachHandlerGetsItsMemoryTimeoutAndEnvironment() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.ADMIN_HANDLER + "::handleRequest", "MemorySize", 1024, "Timeout", 10,
                "Environment", Map.of("Variables", Match.objectEquals(Map.of(
                        "VEXIL_TABLE", ref(table), "VEXIL_KVS_ARN", getAtt(keyStore, "Arn"),
                        "VEXIL_INSIGHTS_TABLE", ref(insightsTable),
                        "VEXIL_RELEASE_TABLE", ref(queries.logicalIdStartingWith("AWS::DynamoDB::GlobalTable",
                                "VexilReleaseTable")),
                        // By default every IAM principal of the account may create projects, as before the list.
                        "VEXIL_PROJECT_CREATORS", join("arn:", ref("AWS::Partition"), ":iam::", ref("AWS::AccountId"),
                                ":*"),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.COMPILER_HANDLER + "::handleRequest", "MemorySize", 1769, "Timeout", 60,
                "Environment", Map.of("Variables", Match.objectEquals(Map.of(
                        "VEXIL_TABLE", ref(table), "VEXIL_BUCKET", ref(bucket),
                        "VEXIL_SIGNING_KEY", getAtt(queries.onlyLogicalId("AWS::KMS::Key"), "Arn"),
                        PushChannel.HTTP_DOMAIN_VARIABLE, Map.of("Fn::GetAtt", List.of(
                                queries.onlyLogicalId("AWS::AppSync::Api"), "Dns.Http")),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.KEY_SYNC_HANDLER + "::handleRequest", "MemorySize", 512, "Timeout", 30,
                "Environment", Map.of("Variables", Match.objectEquals(Map.of(
                        "VEXIL_KVS_ARN", getAtt(keyStore, "Arn"),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
    }

    @Test
    void eachFunctionHasALiveAliasOnAPublishedVersion() {
        template.resourceCountIs("AWS::Lambda::Version", 8);
        template.resourceCountIs("AWS::Lambda::Alias", 8);
        queries.ofType("AWS::Lambda::Alias").values().forEach(alias -> {
            assertThat(alias.get("Name")).isEqualTo("live");
            @SuppressWarnings("unchecked")
            List<String> version = (List<String>) ((Map<String, Object>) alias.get("FunctionVersion")).get("Fn::GetAtt");
            assertThat(queries.resources().get(version.get(0)).get("Type")).isEqualTo("AWS::Lambda::Version");
        });
    }

    @Test
    void bothStreamConsumersRetryBoundedlyBisectReportItemFailuresAndDeadLetter() {
        var mappings = queries.ofType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(2);
        Set<Object> deadLetterQueues = new HashSet<>();
        for (var mapping : mappings.values()) {
            assertThat(mapping).containsEntry("EventSourceArn", getAtt(table, "StreamArn"))
                    .containsEntry("StartingPosition", "TRIM_HORIZON")
                    .containsEntry("BisectBatchOnFunctionError", true)
                    .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                    .containsEntry("MaximumRetryAttempts", 5)
                    .containsEntry("MaximumBatchingWindowInSeconds", 1)
                    .containsEntry("BatchSize", 100);
            // Invocations go to the alias (its SnapStart version), never to $LATEST.
            assertThat(mapping.get("FunctionName").toString()).contains(":live");
            @SuppressWarnings("unchecked")
            Object destination = ((Map<String, Map<String, Object>>) mapping.get("DestinationConfig"))
                    .get("OnFailure").get("Destination");
            @SuppressWarnings("unchecked")
            String queue = ((List<String>) ((Map<String, Object>) destination).get("Fn::GetAtt")).get(0);
            assertThat(queries.resources().get(queue).get("Type")).isEqualTo("AWS::SQS::Queue");
            deadLetterQueues.add(queue);
        }
        assertThat(deadLetterQueues).as("one dead-letter queue per consumer").hasSize(2);
    }

    @Test
    void onlySdkKeyRecordsReachTheKeySync() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("FilterCriteria", Map.of(
                "Filters", List.of(
                        Map.of("Pattern", "{\"dynamodb\":{\"NewImage\":{\"rtype\":{\"S\":[\"SDK_KEY\"]}}}}"),
                        Map.of("Pattern", "{\"dynamodb\":{\"OldImage\":{\"rtype\":{\"S\":[\"SDK_KEY\"]}}}}")))));
    }

    @Test
    void onlyTheStreamConsumersReserveConcurrency() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.COMPILER_HANDLER + "::handleRequest", "ReservedConcurrentExecutions", 5)));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.KEY_SYNC_HANDLER + "::handleRequest", "ReservedConcurrentExecutions", 2)));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.ADMIN_HANDLER + "::handleRequest", "ReservedConcurrentExecutions", Match.absent())));
    }

    @Test
    void adminMayReadAndWriteOnlyTheTableAndTheAuditIndexUpdateOnlyRevocationsAndResyncKeys() {
        // release automation's statements (the release table, guard alarms) are ReleaseAutomationTemplateTest's
        var statements = queries.statementsOfFunction(queries.functionFor(Compute.ADMIN_HANDLER)).stream()
                .filter(s -> !asList(s.get("Resource")).toString().contains("VexilReleaseTable")
                        && !asList(s.get("Action")).contains("cloudwatch:DescribeAlarms")).toList();
        assertThat(resourcesOf(statements, "dynamodb:PutItem")).containsExactly(getAtt(table, "Arn"));
        assertThat(resourcesOf(statements, "dynamodb:UpdateItem")).hasSize(2).containsOnly(getAtt(table, "Arn"));
        // Two UpdateItem statements, each narrowed: a revocation's attributes; the write counters' items.
        assertThat(statements).filteredOn(s -> asList(s.get("Action")).contains("dynamodb:UpdateItem"))
                .extracting(s -> s.get("Condition")).containsExactlyInAnyOrder(
                        Map.of("ForAllValues:StringEquals", Map.of("dynamodb:Attributes", Compute.REVOCATION_ATTRIBUTES)),
                        Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("RATE#*")),
                                "ForAllValues:StringEquals", Map.of("dynamodb:Attributes",
                                        List.of("pk", "sk", "windowStart", "writes"))));
        assertThat(resourcesOf(statements, "dynamodb:Query"))
                .as("the table, the audit index and the insights table; not the SDK-key index: the admin API never "
                        + "looks keys up")
                .containsExactlyInAnyOrder(getAtt(table, "Arn"), join(getAtt(table, "Arn"), "/index/audit"),
                        getAtt(insightsTable, "Arn"));
        assertThat(actionsOf(statements)).filteredOn(a -> a.startsWith("dynamodb:")).containsExactlyInAnyOrder(
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(actionsOf(statements)).noneMatch(a -> a.startsWith("s3:") || a.startsWith("cloudfront:"));
        // POST .../sdk-keys/{id}/resync: read and batch-write the one KeyValueStore, nothing else of CloudFront.
        assertThat(actionsOf(statements)).filteredOn(a -> a.startsWith("cloudfront"))
                .containsExactlyInAnyOrderElementsOf(SdkKeyReconciliation.STORE_ACTIONS);
        assertThat(resourcesOf(statements, "cloudfront-keyvaluestore:UpdateKeys"))
                .containsExactly(getAtt(keyStore, "Arn"));
        assertNoWildcardResources(statements, Set.of());
    }

    @Test
    void theWriteCounterStatementNamesExactlyWhatTheRateLimiterWrites() {
        assertThat(Compute.WRITE_COUNTER_PARTITIONS).isEqualTo(DynamoDbWriteRateLimiter.PARTITION_PREFIX + "*");
        assertThat(Compute.WRITE_COUNTER_ATTRIBUTES).containsExactly("pk", "sk",
                DynamoDbWriteRateLimiter.WINDOW_START, DynamoDbWriteRateLimiter.WRITES);
    }

    @Test
    void compilerReadsTheTableAndWritesOnlyTheSnapshotPrefix() {
        var statements = queries.statementsOfFunction(queries.functionFor(Compute.COMPILER_HANDLER));
        var allowed = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertThat(actionsOf(allowed)).contains("dynamodb:GetItem", "dynamodb:Query")
                .doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "s3:DeleteObject", "s3:*");
        Object snapshotPrefix = join(getAtt(bucket, "Arn"), "/snapshots/*");
        Object current = join(getAtt(bucket, "Arn"), "/snapshots/*/*/current.json");
        Object versions = join(getAtt(bucket, "Arn"), "/snapshots/*/*/v/*");
        Object deltas = join(getAtt(bucket, "Arn"), "/snapshots/*/*/d/*");
        Object killList = join(getAtt(bucket, "Arn"), "/snapshots/*/*/killswitch.json");
        var allows = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertThat(resourcesOf(allows, "s3:PutObject")).containsExactlyInAnyOrder(current, versions, deltas);
        assertThat(resourcesOf(allows, "s3:PutObjectTagging")).containsExactlyInAnyOrder(versions, deltas);
        assertThat(resourcesOf(allows, "s3:GetObject")).containsExactly(snapshotPrefix);
        assertThat(statements).filteredOn(s -> "Deny".equals(s.get("Effect"))).singleElement().satisfies(s -> {
            assertThat(asList(s.get("Action"))).containsExactlyInAnyOrder("s3:PutObject", "s3:DeleteObject");
            assertThat(asList(s.get("Resource"))).containsExactly(killList);
        });
        assertThat(resourcesOf(statements, "s3:ListBucket")).containsExactly(getAtt(bucket, "Arn"));
        assertThat(statements).filteredOn(s -> asList(s.get("Action")).contains("s3:ListBucket")).singleElement()
                .satisfies(s -> assertThat(s.get("Condition")).isEqualTo(
                        Map.of("StringLikeIfExists", Map.of("s3:prefix", List.of("snapshots/*")))));
        assertThat(resourcesOf(statements, "dynamodb:GetRecords")).containsExactly(getAtt(table, "StreamArn"));
        assertThat(resourcesOf(statements, "dynamodb:Query")).containsExactly(getAtt(table, "Arn"));
        assertNoWildcardResources(allows, Set.of(snapshotPrefix, current, versions, deltas));
    }

    @Test
    void keySyncReadsTheStreamAndWritesOnlyTheKeyValueStore() {
        var statements = queries.statementsOfFunction(queries.functionFor(Compute.KEY_SYNC_HANDLER));
        assertThat(resourcesOf(statements, "cloudfront-keyvaluestore:UpdateKeys"))
                .containsExactly(getAtt(keyStore, "Arn"));
        assertThat(resourcesOf(statements, "dynamodb:GetRecords")).containsExactly(getAtt(table, "StreamArn"));
        assertThat(actionsOf(statements)).noneMatch(a -> a.startsWith("s3:"))
                .doesNotContain("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");
        assertNoWildcardResources(statements, Set.of());
    }

    private static Set<String> actionsOf(List<Map<String, Object>> statements) {
        Set<String> actions = new HashSet<>();
        statements.forEach(s -> asList(s.get("Action")).forEach(a -> actions.add(a.toString())));
        return actions;
    }

    private static List<Object> resourcesOf(List<Map<String, Object>> statements, String action) {
        return statements.stream().filter(s -> asList(s.get("Action")).contains(action))
                .flatMap(s -> asList(s.get("Resource")).stream()).toList();
    }

    /** No statement names "*" or any resource with a wildcard, except the listed (reviewed and suppressed) ones. */
    private static void assertNoWildcardResources(List<Map<String, Object>> statements, Set<Object> allowed) {
        assertThat(statements).allSatisfy(statement -> {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            assertThat(asList(statement.get("Resource")))
                    .allSatisfy(r -> assertThat(allowed.contains(r) || !r.toString().contains("*"))
                            .as("resource %s of %s", r, statement.get("Action")).isTrue());
        });
    }
}
