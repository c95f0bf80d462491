package dev.vexil.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.IKeyValueStore;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The three Lambdas of the shaded jar and their permissions: the admin API handler, the snapshot compiler and the
 * SDK-key sync, the last two both consuming the table's stream (DynamoDB Streams allows two concurrent readers
 * per shard, and keeping them apart means a KeyValueStore outage cannot hold back snapshot publishing).
 */
public final class Compute extends Construct {
    public static final String ADMIN_HANDLER = "dev.vexil.functions.admin.AdminApiHandler";
    public static final String COMPILER_HANDLER = "dev.vexil.functions.compiler.CompilerHandler";
    public static final String KEY_SYNC_HANDLER = "dev.vexil.functions.keys.SdkKeySyncHandler";

    /** Bounded retries per stream batch (bisected on each failure) before the records go to the dead-letter queue. */
    static final int STREAM_RETRY_ATTEMPTS = 5;

    /** What revoking an SDK key writes (SdkKeyItems.revocation), plus the key attributes of the table and its GSI. */
    static final List<String> REVOCATION_ATTRIBUTES = List.of("pk", "sk", DataStore.GSI_SDK_KEY_HASH_PK, "version",
            "revokedAt", "revokedBy");
    /** What the write rate limiter's counter item holds (DynamoDbWriteRateLimiter): its keys and two counters. */
    static final List<String> WRITE_COUNTER_ATTRIBUTES = List.of("pk", "sk", "windowStart", "writes");
    /** The counter items' partitions, outside every resource's ({@code PROJECTS}, {@code P#...}). */
    static final String WRITE_COUNTER_PARTITIONS = "RATE#*";

    private final JavaFunction admin;
    private final JavaFunction compiler;
    private final JavaFunction keySync;
    private final Queue compilerDlq;
    private final Queue keySyncDlq;

    public Compute(Construct scope, String id, VexilServiceProps props, DataStore data, IKeyValueStore sdkKeys) {
        super(scope, id);
        Code code = Code.fromAsset(existingJar(props.functionsJar()).toString());
        TableV2 table = data.table();
        Bucket bucket = data.snapshotBucket();

        // Admin: one conditional PutItem per request plus a few reads; 1 GB gives ~0.6 vCPU, enough for JSON and
        // validation of a 256 KB body in tens of ms. 10 s bounds a stuck DynamoDB call well inside API Gateway's
        // 30 s integration limit, so a client sees a 5xx instead of a hung connection.
        this.admin = new JavaFunction(this, "AdminApi", props, code, ADMIN_HANDLER, 1024, Duration.seconds(10),
                adminEnvironment(props, table));
        admin.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadWriteItems")
                // What DynamoDbFlagRepository calls: reads, and one conditional PutItem per change. Not the SDK-key
                // index: the admin API never looks a key up by its hash (only the edge does, through the KeyValueStore).
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"))
                .resources(List.of(table.getTableArn()))
                .build());
        admin.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("QueryAuditIndex")
                // The environment and project audit logs read the audit GSI, by its exact ARN (no index/* wildcard).
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.getTableArn() + "/index/" + DataStore.GSI_AUDIT))
                .build());
        admin.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("RevokeSdkKeys")
                // UpdateItem serves one purpose, revoking an SDK key, so it may write only the revocation's
                // attributes (with the key attributes of the table and its index, as IAM requires).
                .actions(List.of("dynamodb:UpdateItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringEquals", Map.of("dynamodb:Attributes", REVOCATION_ATTRIBUTES)))
                .build());
        admin.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("CountWritesPerPrincipal")
                // The per-principal write rate limit: conditional UpdateItem of the caller's counter item only,
                // which lives in the RATE# partitions and holds nothing but its window and count.
                .actions(List.of("dynamodb:UpdateItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(new java.util.TreeMap<String, Object>(Map.of( // sorted: a stable template
                        "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(WRITE_COUNTER_PARTITIONS)),
                        "ForAllValues:StringEquals", Map.of("dynamodb:Attributes", WRITE_COUNTER_ATTRIBUTES))))
                .build());

        // Compiler: rebuilds whole environments (10,000 flags is ~1 s of CPU at one vCPU), so 1,769 MB buys exactly
        // one full vCPU. 60 s covers a batch that touches several large environments; on timeout the batch is
        // retried and bisected like any other failure.
        this.compiler = new JavaFunction(this, "Compiler", props, code, COMPILER_HANDLER, 1769,
                Duration.seconds(60),
                Map.of("VEXIL_TABLE", table.getTableName(), "VEXIL_BUCKET", bucket.getBucketName()));
        compiler.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadItems")
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query"))
                .resources(List.of(table.getTableArn()))
                .build());
        compiler.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadSnapshotObjects")
                // GetObject also covers HeadObject: the compiler reads current.json to decide what is newer.
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects("snapshots/*")))
                .build());
        compiler.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteSnapshotObjects")
                // Conditional writes (If-Match / If-None-Match) need only PutObject. Only the snapshot objects:
                // never killswitch.json, which operators write by hand during an incident.
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects("snapshots/*/*/current.json"),
                        bucket.arnForObjects("snapshots/*/*/v/*"), bucket.arnForObjects("snapshots/*/*/d/*")))
                .build());
        compiler.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("TagSnapshotVersions")
                // The compiler tags immutable versions and deltas for the bucket's expiry rules.
                .actions(List.of("s3:PutObjectTagging"))
                .resources(List.of(bucket.arnForObjects("snapshots/*/*/v/*"), bucket.arnForObjects("snapshots/*/*/d/*")))
                .build());
        compiler.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("NeverWriteKillLists")
                // Explicit, so that no later Allow (or a widened pattern) lets the compiler touch a kill list.
                .effect(Effect.DENY)
                .actions(List.of("s3:PutObject", "s3:DeleteObject"))
                .resources(List.of(bucket.arnForObjects("snapshots/*/*/killswitch.json")))
                .build());
        data.allowSnapshotReads(compiler.role());
        compiler.reserveConcurrency(props.compilerConcurrency());
        this.compilerDlq = deadLetterQueue("CompilerDlq");
        compiler.alias().addEventSource(new DynamoEventSource(table, streamConsumer(compilerDlq).build()));

        // Key sync: a handful of HTTPS calls to the KeyValueStore API per batch; 512 MB is plenty, and 30 s covers
        // the describe + update round trips with retries.
        this.keySync = new JavaFunction(this, "SdkKeySync", props, code, KEY_SYNC_HANDLER, 512,
                Duration.seconds(30), Map.of("VEXIL_KVS_ARN", sdkKeys.getKeyValueStoreArn()));
        keySync.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteSdkKeyStore")
                .actions(List.of("cloudfront-keyvaluestore:DescribeKeyValueStore",
                        "cloudfront-keyvaluestore:GetKey", "cloudfront-keyvaluestore:PutKey",
                        "cloudfront-keyvaluestore:DeleteKey", "cloudfront-keyvaluestore:UpdateKeys"))
                .resources(List.of(sdkKeys.getKeyValueStoreArn()))
                .build());
        keySync.reserveConcurrency(props.keySyncConcurrency());
        this.keySyncDlq = deadLetterQueue("SdkKeySyncDlq");
        keySync.alias().addEventSource(new DynamoEventSource(table, streamConsumer(keySyncDlq)
                        // Only SDK-key items reach this function (created, revoked or deleted).
                        .filters(List.of(
                                FilterCriteria.filter(Map.of("dynamodb",
                                        Map.of("NewImage", Map.of("rtype", Map.of("S", List.of("SDK_KEY")))))),
                                FilterCriteria.filter(Map.of("dynamodb",
                                        Map.of("OldImage", Map.of("rtype", Map.of("S", List.of("SDK_KEY"))))))))
                        .build()));
    }

    /**
     * The stream settings both consumers share: from the oldest record (nothing is skipped after a deploy or an
     * outage), batches of up to 100 records or 1 s (a burst of changes becomes one rebuild per environment), a failing
     * batch bisected and retried at most {@link #STREAM_RETRY_ATTEMPTS} times, failed items reported individually,
     * and what still fails sent to the consumer's own dead-letter queue.
     */
    private static DynamoEventSourceProps.Builder streamConsumer(Queue deadLetters) {
        return DynamoEventSourceProps.builder()
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(100)
                .maxBatchingWindow(Duration.seconds(1))
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(STREAM_RETRY_ATTEMPTS)
                .onFailure(new SqsDlq(deadLetters));
    }

    /**
     * Who may create projects: the configured list, else everyone the authorizer admits (every IAM principal of the
     * deploying account, or every subject of the JWT issuer), which is what could create projects before the list
     * existed. docs/deploy.md recommends narrowing it.
     */
    private static Map<String, String> adminEnvironment(VexilServiceProps props, TableV2 table) {
        Map<String, String> environment = new java.util.TreeMap<>();
        environment.put("VEXIL_TABLE", table.getTableName());
        environment.put("VEXIL_PROJECT_CREATORS", String.join(",", projectCreators(props)));
        if (!props.breakGlass().isEmpty()) {
            environment.put("VEXIL_BREAK_GLASS", String.join(",", props.breakGlass()));
        }
        props.quotas().ifPresent(quotas -> environment.put("VEXIL_QUOTAS", quotas));
        props.adminWriteRateLimit().ifPresent(limit -> environment.put("VEXIL_WRITE_RATE_LIMIT", limit));
        return environment;
    }

    static List<String> projectCreators(VexilServiceProps props) {
        if (!props.projectCreators().isEmpty()) {
            return props.projectCreators();
        }
        if (props.adminAuth() instanceof AdminAuth.Jwt jwt) {
            return List.of(jwt.issuer() + "#*");
        }
        return List.of("arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":*");
    }

    /** Where a stream batch goes after its retries: 14 days (the SQS maximum) for an operator to replay it. */
    private Queue deadLetterQueue(String id) {
        Queue queue = Queue.Builder.create(this, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Nag.suppress(queue, "AwsSolutions-SQS3",
                "This queue is itself the on-failure destination of a stream event source mapping.");
        return queue;
    }

    private static Path existingJar(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalStateException("The Lambda jar " + absolute + " does not exist. Build it first: "
                    + "./mvnw -B -ntp -pl functions -am package -DskipTests (from the repository root).");
        }
        return absolute;
    }

    public JavaFunction admin() {
        return admin;
    }

    public JavaFunction compiler() {
        return compiler;
    }

    public JavaFunction keySync() {
        return keySync;
    }

    public List<Queue> deadLetterQueues() {
        return List.of(compilerDlq, keySyncDlq);
    }
}
