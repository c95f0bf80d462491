package dev.vexil.functions.release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.release.GuardRestore;
import dev.vexil.core.release.GuardService;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.DynamoDbClients;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The guard on AWS: an EventBridge rule sends it CloudWatch "Alarm State Change" events of the guard alarms
 * ({@code detail.alarmName}, {@code detail.state.value}); an alarm entering {@code ALARM} restores what it guards
 * ({@link GuardService}) and notifies the stack's SNS topic. An event it cannot read fails the invocation, so
 * EventBridge retries it and the failure shows in the function's errors.
 */
public final class GuardHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final GuardService guards;

    /** For Lambda. */
    public GuardHandler() {
        this(lambdaGuards());
    }

    public GuardHandler(GuardService guards) {
        this.guards = guards;
    }

    private static GuardService lambdaGuards() {
        DynamoDbClient dynamo = DynamoDbClients.forLambda();
        var mapper = AdminJson.newMapper();
        return ReleaseWiring.required(dynamo).guards(new DynamoDbFlagRepository(dynamo,
                ReleaseWiring.required("VEXIL_TABLE")), ReleaseWiring.notifierFromEnvironment(mapper), mapper,
                Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String alarm = text(detail(event).get("alarmName"), "detail.alarmName");
        Object state = detail(event).get("state");
        String value = text(state instanceof Map<?, ?> map ? map.get("value") : null, "detail.state.value");
        List<GuardRestore> restores = guards.alarmChanged(alarm, value);
        JsonLog.info("guard alarm " + alarm + " is " + value + ": " + restores.size() + " restore(s)");
        return Map.of("component", "release-guard", "alarm", alarm, "state", value, "restores", restores.size());
    }

    private static Map<?, ?> detail(Map<String, Object> event) {
        if (event != null && event.get("detail") instanceof Map<?, ?> detail) {
            return detail;
        }
        throw new IllegalArgumentException("not a CloudWatch Alarm State Change event: no detail");
    }

    private static String text(Object value, String field) {
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new IllegalArgumentException("not a CloudWatch Alarm State Change event: no " + field);
    }
}
