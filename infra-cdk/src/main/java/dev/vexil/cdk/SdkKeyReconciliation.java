package dev.vexil.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.IKeyValueStore;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Repairs drift between the SDK keys in the table and the KeyValueStore the edge reads (docs/deploy.md, "When an
 * SDK-key sync fails"): a Lambda that compares every key and fixes what differs, run by an EventBridge rule every
 * {@link #EVERY_MINUTES} minutes, and the admin function's permission to do the same for one key
 * ({@code POST .../sdk-keys/{id}/resync}). Both read the store and write it only through UpdateKeys (with the
 * store's ETag), like the key sync.
 */
public final class SdkKeyReconciliation extends Construct {
    public static final String HANDLER = "dev.vexil.functions.keys.SdkKeyReconcileHandler";
    static final int EVERY_MINUTES = 15;
    /** What a reconciling function calls on the KeyValueStore: read the ETag and a key, write a batch. */
    static final List<String> STORE_ACTIONS = List.of("cloudfront-keyvaluestore:DescribeKeyValueStore",
            "cloudfront-keyvaluestore:GetKey", "cloudfront-keyvaluestore:UpdateKeys");

    private final JavaFunction function;
    private final Rule schedule;

    public SdkKeyReconciliation(Construct scope, String id, VexilServiceProps props, DataStore data,
                                IKeyValueStore sdkKeys, JavaFunction admin) {
        super(scope, id);
        // The same jar as the other functions (Compute checked that it exists); CDK uploads it once.
        Code code = Code.fromAsset(props.functionsJar().toAbsolutePath().normalize().toString());
        TableV2 table = data.table();
        String store = sdkKeys.getKeyValueStoreArn();
        // One Query per project and environment and one GetKey per key: 5 minutes covers tens of thousands of keys.
        this.function = new JavaFunction(this, "Function", props, code, HANDLER, 512, Duration.minutes(5),
                Map.of("VEXIL_TABLE", table.getTableName(), "VEXIL_KVS_ARN", store));
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadSdkKeys")
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query"))
                .resources(List.of(table.getTableArn()))
                .build());
        function.role().addToPrincipalPolicy(storeAccess(store));
        this.schedule = Rule.Builder.create(this, "Schedule")
                .description("Repairs drift between SDK keys in the table and the edge's KeyValueStore")
                .schedule(Schedule.rate(Duration.minutes(EVERY_MINUTES)))
                .targets(List.of(LambdaFunction.Builder.create(function.alias()).retryAttempts(2).build()))
                .build();

        admin.function().addEnvironment("VEXIL_KVS_ARN", store);
        admin.role().addToPrincipalPolicy(storeAccess(store));
    }

    private static PolicyStatement storeAccess(String store) {
        return PolicyStatement.Builder.create()
                .sid("ReconcileSdkKeyStore")
                .actions(STORE_ACTIONS)
                .resources(List.of(store))
                .build();
    }

    /**
     * Alarms on {@code topic} when a run fails (a revoked key may still work at the edge until one succeeds). The
     * repairs themselves are logged with the {@code SdkKeyRepairs} metric.
     */
    public void alarmOn(Topic topic) {
        TopicAlarm.create(this, "Errors",
                "The SDK-key reconciliation failed (revoked keys may still work at the edge).",
                function.function().metricErrors(MetricOptions.builder().statistic("Sum")
                        .period(Duration.minutes(EVERY_MINUTES)).build()), 1, topic);
    }

    public JavaFunction function() {
        return function;
    }

    public Rule schedule() {
        return schedule;
    }
}
