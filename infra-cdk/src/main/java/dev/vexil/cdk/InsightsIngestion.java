package dev.vexil.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudfront.AddBehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestCookieBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOrigin;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Flag insights on AWS (docs/insights.md, "On AWS"): SDKs {@code POST /sdk/v1/events} to the CDN, whose SDK gate
 * checks the key exactly as for snapshots and rewrites the request to {@code /events/<project>/<env>}; CloudFront
 * signs it (Origin Access Control) to the ingest Lambda's function URL, which accepts nothing unsigned. The ingest
 * adds the counts to the insights table (its own table, with a TTL); the admin function reads that table for the
 * insights and stale-flag routes.
 */
public final class InsightsIngestion extends Construct {
    public static final String HANDLER = "dev.vexil.functions.insights.EventsIngestHandler";
    public static final String EVENTS_PATH = "/sdk/v1/events";
    /** The TTL attribute of the table (dev.vexil.functions.insights.InsightsTable.EXPIRES_AT). */
    static final String EXPIRES_AT = "expiresAt";
    /**
     * What the ingest writes (DynamoDbInsightsStore): a count item's keys, descriptive attributes and one number per
     * variation × reason ({@code c#<variation>#<REASON>}), and the per-flag "last evaluated" item's minute.
     */
    static final List<String> COUNT_ATTRIBUTES = List.of("pk", "sk", "flag", "minute", EXPIRES_AT, "c#*");
    /**
     * How long the ingest buffers counts before writing them (IngestWiring, VEXIL_INSIGHTS_FLUSH_AFTER): DynamoDB
     * writes then grow with ingest instances × distinct items per minute, not with SDKs (docs/insights.md).
     */
    static final String FLUSH_AFTER = "PT60S";
    /**
     * By default at most this many ingest instances (VexilServiceProps.insightsIngestConcurrency): caps the DynamoDB
     * writers (each flushes its own buffer) and keeps a flood of valid-key POSTs from taking the account's
     * concurrency. A function URL also admits at most 10 requests a second per reserved instance, so 30 admits 300
     * summaries a second: 10,000 SDKs every 60 s send 167. Past either limit Lambda answers 429 and the SDK merges
     * the counts into its next window (docs/insights.md).
     */
    static final int DEFAULT_RESERVED_CONCURRENCY = 30;
    /** Alarm periods: a throttled or failing ingest costs counts only after the SDKs' caps, so minutes suffice. */
    private static final Duration ALARM_PERIOD = Duration.minutes(5);
    /**
     * The only viewer headers the ingest needs: the body's type and coding (the SDK sends it gzipped; without the
     * header the ingest would take the gzip for JSON), and its SHA-256, which OAC requires of a POST to a function URL
     * (the SDK sends it; Lambda refuses unsigned payloads). Never Authorization: the gate removes it.
     */
    static final List<String> FORWARDED_HEADERS = List.of("content-type", "content-encoding", "x-amz-content-sha256");

    private final TableV2 table;
    private final JavaFunction ingest;
    private final FunctionUrl url;

    public InsightsIngestion(Construct scope, String id, VexilServiceProps props, DataStore data, SnapshotCdn cdn,
                             JavaFunction admin) {
        super(scope, id);
        this.table = TableV2.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billing(Billing.onDemand())
                .timeToLiveAttribute(EXPIRES_AT)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(props.production())
                .removalPolicy(props.removalPolicy())
                .build();

        Code code = Code.fromAsset(props.functionsJar().toAbsolutePath().normalize().toString());
        Bucket bucket = data.snapshotBucket();
        // One validation and a merge into the buffer per summary, and about once a minute a flush of a few hundred
        // small UpdateItems: 512 MB is plenty; 10 s bounds a stuck DynamoDB call.
        this.ingest = new JavaFunction(this, "Ingest", props, code, HANDLER, 512, Duration.seconds(10),
                Map.of("VEXIL_INSIGHTS_TABLE", table.getTableName(), "VEXIL_BUCKET", bucket.getBucketName(),
                        "VEXIL_INSIGHTS_FLUSH_AFTER", FLUSH_AFTER));
        ingest.reserveConcurrency(props.insightsIngestConcurrency());
        ingest.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("AddEvaluationCounts")
                // ADD to a count, and raise a flag's last evaluated minute: UpdateItem only, these attributes only.
                .actions(List.of("dynamodb:UpdateItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:Attributes", COUNT_ATTRIBUTES)))
                .build());
        ingest.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadCurrentSnapshots")
                // The flag keys of the environment's current snapshot: counts of other keys go under "(unknown)".
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects("snapshots/*/*/current.json")))
                .build());
        // An environment with no snapshot yet is then a 404 (no known flags), not a 403 (which would answer 503).
        data.allowSnapshotReads(ingest.role());

        // AWS_IAM: only signed requests, and the resource policy CloudFront's OAC adds admits only this distribution.
        this.url = ingest.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.AWS_IAM).build());
        cdn.distribution().addBehavior(EVENTS_PATH, FunctionUrlOrigin.withOriginAccessControl(url),
                AddBehaviorOptions.builder()
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        // ALL, so that the gate (not CloudFront) answers GET and the rest with 405 and Allow: POST.
                        .allowedMethods(AllowedMethods.ALLOW_ALL)
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .originRequestPolicy(OriginRequestPolicy.Builder.create(this, "ForwardBodyHeaders")
                                .comment("Vexil " + props.stageName() + " events: the body's type, coding and SHA-256 only")
                                .headerBehavior(OriginRequestHeaderBehavior.allowList(
                                        FORWARDED_HEADERS.toArray(String[]::new)))
                                .cookieBehavior(OriginRequestCookieBehavior.none())
                                .queryStringBehavior(OriginRequestQueryStringBehavior.none())
                                .build())
                        .compress(false)
                        .functionAssociations(cdn.gated())
                        .build());

        // Since October 2025 a function URL also needs lambda:InvokeFunction for the caller (the origin above grants
        // only InvokeFunctionUrl), limited to invocations through the URL and to this distribution.
        CfnPermission.Builder.create(this, "CloudFrontInvokesThroughTheUrl")
                .action("lambda:InvokeFunction")
                .functionName(ingest.alias().getFunctionArn())
                .principal("cloudfront.amazonaws.com")
                .sourceArn(Stack.of(this).formatArn(ArnComponents.builder().service("cloudfront").region("")
                        .resource("distribution").resourceName(cdn.distribution().getDistributionId()).build()))
                .invokedViaFunctionUrl(true)
                .build();

        // The admin function reads the counts (Query only) for the insights and stale-flag routes.
        admin.function().addEnvironment("VEXIL_INSIGHTS_TABLE", table.getTableName());
        admin.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadEvaluationCounts")
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.getTableArn()))
                .build());
    }

    /**
     * Alarms on the stack's topic: the ingest failing invocations (a timeout, a crash: the counts buffered in that
     * sandbox are lost), and the ingest throttled at its reserved concurrency (SDKs get 429 and resend later; lasting
     * throttles mean the cap is too low for the fleet).
     */
    public void alarmOn(Topic topic) {
        Function function = ingest.function();
        TopicAlarm.create(this, "IngestErrors", "The insights ingest failed invocations (counts buffered in a failed "
                + "sandbox are lost).", function.metricErrors(sum()), 1, topic);
        TopicAlarm.create(this, "IngestThrottles", "The insights ingest was throttled at its reserved concurrency "
                + "(SDKs got 429 and merge the counts into their next summary).", function.metricThrottles(sum()), 1,
                topic);
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(ALARM_PERIOD).build();
    }

    public TableV2 table() {
        return table;
    }

    public JavaFunction ingest() {
        return ingest;
    }

    public FunctionUrl url() {
        return url;
    }
}
