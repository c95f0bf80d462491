package dev.vexil.cdk;

import software.amazon.awscdk.CfnOutput;
import software.constructs.Construct;

/**
 * The whole Vexil service as one construct, for a team's own CDK app: the table and snapshot bucket, the three
 * Lambdas, the admin API, the snapshot CDN with its SDK-key gate, the push channel, and the alarms. See docs/deploy.md.
 */
public final class VexilService extends Construct {
    private final DataStore data;
    private final SnapshotCdn cdn;
    private final Compute compute;
    private final AdminApi adminApi;
    private final Monitoring monitoring;
    private final SnapshotSigningKey signingKey;
    private final KillSwitchOperators killSwitchOperators;
    private final SdkKeyReconciliation keyReconciliation;
    private final PushChannel push;
    private final InsightsIngestion insights;
    private final ReleaseAutomation release;

    public VexilService(Construct scope, String id, VexilServiceProps props) {
        super(scope, id);
        this.data = new DataStore(this, "Data", props);
        this.cdn = new SnapshotCdn(this, "Cdn", props, data);
        this.compute = new Compute(this, "Compute", props, data, cdn.sdkKeys());
        this.adminApi = new AdminApi(this, "Admin", props, compute.admin());
        this.monitoring = new Monitoring(this, "Monitoring", props, compute, adminApi, cdn);
        this.signingKey = new SnapshotSigningKey(this, "Signing", props, compute.compiler());
        this.killSwitchOperators = new KillSwitchOperators(this, "KillSwitch", props, data.snapshotBucket());
        this.keyReconciliation = new SdkKeyReconciliation(this, "KeyReconciliation", props, data, cdn.sdkKeys(),
                compute.admin());
        keyReconciliation.alarmOn(monitoring.alarmTopic());
        this.push = new PushChannel(this, "Push", props, data, compute.compiler());
        this.insights = new InsightsIngestion(this, "Insights", props, data, cdn, compute.admin());
        insights.alarmOn(monitoring.alarmTopic());
        this.release = new ReleaseAutomation(this, "Release", props, data, compute.admin(), monitoring.alarmTopic());

        output("AdminApiUrl", adminApi.api().getApiEndpoint(), "Base URL of the admin API (routes under /v1)");
        output("CdnDomain", props.cdnDomain().map(CustomDomain::domainName)
                .orElse(cdn.distribution().getDistributionDomainName()), "Domain SDKs poll (https://<domain>/sdk/v1/...)");
        output("CdnDistributionDomain", cdn.distribution().getDistributionDomainName(),
                "CloudFront domain (the CNAME target of a custom domain)");
        output("TableName", data.table().getTableName(), "DynamoDB table");
        output("InsightsTableName", insights.table().getTableName(), "DynamoDB table of evaluation counts (90-day TTL)");
        output("ReleaseTableName", release.table().getTableName(), "DynamoDB table of schedules and rollout plans");
        output("BucketName", data.snapshotBucket().getBucketName(), "Snapshot bucket (kill lists are written here)");
        output("SdkKeyStoreArn", cdn.sdkKeys().getKeyValueStoreArn(), "CloudFront KeyValueStore of SDK-key hashes");
        output("AlarmTopicArn", monitoring.alarmTopic().getTopicArn(), "SNS topic of the alarms: subscribe to it");
        output("SnapshotSigningKeyArn", signingKey.key().getKeyArn(), "KMS key that signs snapshots: give SDKs its "
                + "public key (aws kms get-public-key, see docs/deploy.md)");
        output("PushRealtimeUrl", push.realtimeUrl(), "Push channel SDKs connect to "
                + "(VexilClient.Builder.realtimeUrl; docs/push.md)");
        output("KillSwitchOperatorsPolicyArn", killSwitchOperators.policy().getManagedPolicyArn(),
                "Managed policy for operators: write and remove snapshots/*/*/killswitch.json only");
    }

    private void output(String id, String value, String description) {
        CfnOutput output = CfnOutput.Builder.create(this, id).value(value).description(description).build();
        // Stable output names (VexilAdminApiUrl, ...) instead of hashed ones, for scripts and docs/deploy.md.
        output.overrideLogicalId(getNode().getId() + id);
    }

    public DataStore data() {
        return data;
    }

    public SnapshotCdn cdn() {
        return cdn;
    }

    public Compute compute() {
        return compute;
    }

    public AdminApi adminApi() {
        return adminApi;
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    public SnapshotSigningKey signingKey() {
        return signingKey;
    }

    public SdkKeyReconciliation keyReconciliation() {
        return keyReconciliation;
    }

    public PushChannel push() {
        return push;
    }

    public InsightsIngestion insights() {
        return insights;
    }

    public ReleaseAutomation release() {
        return release;
    }

    public KillSwitchOperators killSwitchOperators() {
        return killSwitchOperators;
    }
}
