package dev.vexil.it.stack.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.vexil.local.http.HttpBackend;
import dev.vexil.local.http.HttpCall;
import dev.vexil.local.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lambda handler written for API Gateway's HTTP API (payload 2.0) behind the local gateway: each request becomes
 * the {@link APIGatewayV2HTTPEvent} API Gateway would send ({@link ApiGatewayEvents}), goes to the very same
 * handler class that runs on AWS, and its {@link APIGatewayV2HTTPResponse} becomes the reply (headers, multi-value
 * headers and cookies; a base64 body decoded). This is how the AWS wiring of the tests serves the admin Lambda.
 */
public final class ApiGatewayBackend implements HttpBackend {
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final ApiGatewayEvents events;
    private final String functionName;

    public ApiGatewayBackend(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                             PrincipalClaim principalClaim, String functionName) {
        this.handler = handler;
        this.events = new ApiGatewayEvents(principalClaim);
        this.functionName = functionName;
    }

    @Override
    public HttpReply handle(HttpCall call) {
        APIGatewayV2HTTPEvent event = events.toEvent(call);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event,
                new LocalLambdaContext(event.getRequestContext().getRequestId(), functionName));
        return response == null ? null : new HttpReply(response.getStatusCode(), headers(response), body(response));
    }

    private static Map<String, List<String>> headers(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        }
        if (response.getCookies() != null) {
            List<String> cookies = new ArrayList<>(headers.getOrDefault("Set-Cookie", List.of()));
            cookies.addAll(response.getCookies());
            headers.put("Set-Cookie", cookies);
        }
        return headers;
    }

    private static byte[] body(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null) {
            return new byte[0];
        }
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
