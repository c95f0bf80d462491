package dev.vexil.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The state of the service: the DynamoDB table (source of truth, with its stream) and the snapshot bucket
 * (what the CDN serves), plus the bucket that receives the snapshot bucket's server access logs.
 */
public final class DataStore extends Construct {
    /**
     * The table's GSIs, exactly as the store defines them (dev.vexil.functions.store.dynamo.VexilTable, checked by
     * TableDefinitionTest): SDK-key items by the hex SHA-256 of their secret, and history items by audit log and
     * position (docs/data-model.md, "Audit logs").
     */
    public static final String GSI_SDK_KEY_HASH = "sdkKeyHash";
    /** The partition key attribute of that index. */
    public static final String GSI_SDK_KEY_HASH_PK = "gsi2pk";
    /** The audit-log index (environment and project audit logs, newest first). */
    public static final String GSI_AUDIT = "audit";

    /** Days a superseded object version (an overwritten current.json or killswitch.json) is kept for recovery. */
    static final int NONCURRENT_VERSION_DAYS = 30;
    /**
     * Days an immutable snapshot version under snapshots/&lt;p&gt;/&lt;e&gt;/v/ is kept. SDKs only fetch old versions
     * to catch up or to pin one while debugging, and an operator rolls back through the admin API (which rebuilds
     * from DynamoDB history), so three months of objects is plenty and keeps storage flat for busy environments.
     */
    static final int SNAPSHOT_VERSION_DAYS = 90;

    /** The object tag that marks snapshots/&lt;p&gt;/&lt;e&gt;/v/&lt;version&gt;.json for the expiry rule above. */
    public static final String VERSION_TAG_KEY = "vexil-object";
    public static final String VERSION_TAG_VALUE = "snapshot-version";
    /** The tag value on deltas (snapshots/&lt;p&gt;/&lt;e&gt;/d/...), expired after {@link #DELTA_DAYS} days. */
    public static final String DELTA_TAG_VALUE = "snapshot-delta";
    /** SDKs use a delta within seconds of its publish (push); a week leaves room for clients that were away. */
    public static final int DELTA_DAYS = 7;

    private final TableV2 table;
    private final Bucket snapshotBucket;

    public DataStore(Construct scope, String id, VexilServiceProps props) {
        super(scope, id);
        this.table = TableV2.Builder.create(this, "Table")
                .partitionKey(stringAttribute("pk"))
                .sortKey(stringAttribute("sk"))
                .billing(Billing.onDemand())
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(props.production())
                .dynamoStream(StreamViewType.NEW_AND_OLD_IMAGES)
                .globalSecondaryIndexes(List.of(
                        GlobalSecondaryIndexPropsV2.builder().indexName(GSI_SDK_KEY_HASH)
                                .partitionKey(stringAttribute(GSI_SDK_KEY_HASH_PK))
                                .projectionType(ProjectionType.ALL).build(),
                        GlobalSecondaryIndexPropsV2.builder().indexName(GSI_AUDIT)
                                .partitionKey(stringAttribute("auditPk"))
                                .sortKey(stringAttribute("auditSk"))
                                .projectionType(ProjectionType.ALL).build()))
                .removalPolicy(props.removalPolicy())
                .build();

        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // Object ownership is left to CDK: with @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy (cdk.json)
                // S3 delivers through a bucket policy and ACLs stay disabled; without it CDK falls back to the
                // log-delivery ACL that older apps need.
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(90)).build()))
                .removalPolicy(props.removalPolicy())
                .build();
        Nag.suppress(accessLogs, "AwsSolutions-S1",
                "This is the server access log bucket itself; logging it would recurse.");

        this.snapshotBucket = Bucket.Builder.create(this, "Snapshots")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("snapshots-bucket/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("expire-superseded-versions")
                                .noncurrentVersionExpiration(Duration.days(NONCURRENT_VERSION_DAYS))
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build(),
                        LifecycleRule.builder().id("expire-old-snapshot-versions")
                                // S3 lifecycle filters take a literal prefix, not snapshots/*/*/v/, and a rule on
                                // the whole snapshots/ prefix would also expire a quiet environment's current.json.
                                // So immutable versions are selected by the tag the compiler puts on them.
                                .tagFilters(Map.of(VERSION_TAG_KEY, VERSION_TAG_VALUE))
                                .expiration(Duration.days(SNAPSHOT_VERSION_DAYS))
                                .build(),
                        LifecycleRule.builder().id("expire-old-deltas")
                                .tagFilters(Map.of(VERSION_TAG_KEY, DELTA_TAG_VALUE))
                                .expiration(Duration.days(DELTA_DAYS))
                                .build()))
                .removalPolicy(props.removalPolicy())
                .build();
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public TableV2 table() {
        return table;
    }

    public Bucket snapshotBucket() {
        return snapshotBucket;
    }

    /**
     * Lets {@code role} list the snapshot bucket under {@code snapshots/} only (its object grants are the caller's),
     * and accepts the per-environment object wildcards that such grants need.
     */
    void allowSnapshotReads(IRole role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ListSnapshotPrefix")
                // Without ListBucket, S3 answers 403 instead of 404 for an environment's first snapshot. A listing
                // must stay under snapshots/. "IfExists": S3's own 404-or-403 check for a missing object carries
                // no prefix, and a plain StringLike would fail it (IAM semantics; not verified in an account).
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(snapshotBucket.getBucketArn()))
                .conditions(Map.of("StringLikeIfExists", Map.of("s3:prefix", List.of("snapshots/*"))))
                .build());
        Nag.suppress(role, "AwsSolutions-IAM5",
                "Snapshot object keys are per project and environment, created at run time under snapshots/ only.",
                List.of(Nag.matching("^Resource::<[A-Za-z0-9]+\\.Arn>/snapshots/.*$")));
    }

}
