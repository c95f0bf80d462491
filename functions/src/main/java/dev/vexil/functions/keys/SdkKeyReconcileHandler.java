package dev.vexil.functions.keys;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.DynamoDbClients;
import java.time.Clock;
import java.util.Map;

/**
 * The scheduled SDK-key reconciliation (an EventBridge rule, every 15 minutes): one pass of
 * {@link SdkKeyReconciler#reconcileAll()} over the table named by {@code VEXIL_TABLE} and the KeyValueStore named
 * by {@code VEXIL_KVS_ARN}. A failure throws, so the invocation counts as an error (and alarms); the next run
 * starts over, which is safe since every repair is idempotent.
 */
public final class SdkKeyReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SdkKeyReconciler reconciler;

    /** For Lambda. */
    public SdkKeyReconcileHandler() {
        this(new DynamoDbFlagRepository(DynamoDbClients.forLambda(), required("VEXIL_TABLE")),
                HttpKeyValueStoreClient.fromEnvironment());
    }

    public SdkKeyReconcileHandler(FlagRepository repository, KeyValueStoreClient store) {
        this.reconciler = new SdkKeyReconciler(repository, store, Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        SdkKeyReconciler.Summary summary = reconciler.reconcileAll();
        Map<String, Object> result = Map.of("component", "sdk-key-reconcile", "outcome", "done",
                "keys", summary.keys(), "repaired", summary.repaired());
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(result));
        return result;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the SDK-key reconciliation needs the environment variable " + name);
        }
        return value;
    }
}
