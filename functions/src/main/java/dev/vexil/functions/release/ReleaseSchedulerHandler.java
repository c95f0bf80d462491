package dev.vexil.functions.release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.release.ReleaseScheduler;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.DynamoDbClients;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The release scheduler on AWS: an EventBridge rule invokes it every minute, and each invocation is one
 * {@link ReleaseScheduler#tick()} over the Vexil table ({@code VEXIL_TABLE}) and the release table
 * ({@code VEXIL_RELEASE_TABLE}). Overlapping invocations are safe: each due item is claimed conditionally.
 */
public final class ReleaseSchedulerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ReleaseScheduler scheduler;

    /** For Lambda. */
    public ReleaseSchedulerHandler() {
        this(lambdaScheduler());
    }

    public ReleaseSchedulerHandler(ReleaseScheduler scheduler) {
        this.scheduler = scheduler;
    }

    private static ReleaseScheduler lambdaScheduler() {
        DynamoDbClient dynamo = DynamoDbClients.forLambda();
        FlagRepository repository = new DynamoDbFlagRepository(dynamo, ReleaseWiring.required("VEXIL_TABLE"));
        return ReleaseWiring.required(dynamo).scheduler(repository, AdminJson.newMapper(), java.time.Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        int ran = scheduler.tick();
        JsonLog.info("release scheduler tick: " + ran + " due item(s) run");
        return Map.of("component", "release-scheduler", "ran", ran);
    }
}
