package dev.vexil.functions.push;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;
import dev.vexil.wire.SdkKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AppSync Events Lambda authorizer of the push channel (docs/push.md). AppSync passes the SDK key the client
 * put in its {@code Authorization} header as {@code authorizationToken}; the key is hashed ({@link SdkKeys#hash})
 * and looked up in the table, active keys only, as the edge does. {@code EVENT_CONNECT} is allowed for any active
 * key; {@code EVENT_SUBSCRIBE} only to the key's own environment's channel ({@link PushChannels}); anything else
 * (publishing is for the compiler, with IAM) is refused. Answers are not cached ({@code ttlOverride} 0), so a
 * revoked key is refused at its next connect or subscribe.
 */
public final class PushAuthorizerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlagRepository repository;

    /** For Lambda: the table named by {@code VEXIL_TABLE}. */
    public PushAuthorizerHandler() {
        this(new DynamoDbFlagRepository(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                System.getenv("VEXIL_TABLE")));
    }

    public PushAuthorizerHandler(FlagRepository repository) {
        this.repository = repository;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object token = event.get("authorizationToken");
        Map<?, ?> request = event.get("requestContext") instanceof Map<?, ?> m ? m : Map.of();
        String operation = String.valueOf(request.get("operation"));
        Object channel = request.get("channel");
        String decision = decide(token instanceof String key ? key : null, operation,
                channel instanceof String c ? c : null);
        log(operation, decision);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("isAuthorized", decision.equals("allowed"));
        answer.put("ttlOverride", 0);
        return answer;
    }

    /** "allowed", or why not (logged; the key itself never is). */
    String decide(String sdkKey, String operation, String channel) {
        if (sdkKey == null || !SdkKeys.isWellFormed(sdkKey)) {
            return "not an SDK key";
        }
        Optional<EnvironmentId> environment = repository.findSdkKeyByHash(SdkKeys.hash(sdkKey))
                .filter(SdkKeyRecord::active)
                .map(key -> new EnvironmentId(key.project(), key.environment()));
        if (environment.isEmpty()) {
            return "unknown or revoked key";
        }
        return switch (operation) {
            case "EVENT_CONNECT" -> "allowed";
            case "EVENT_SUBSCRIBE" -> PushChannels.of(environment.get()).equals(channel)
                    ? "allowed" : "another environment's channel";
            default -> "operation " + operation + " is not for SDK keys";
        };
    }

    private static void log(String operation, String decision) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("component", "push-authorizer");
        line.put("operation", operation);
        line.put("decision", decision);
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            System.out.println("{\"component\":\"push-authorizer\"}");
        }
    }
}
