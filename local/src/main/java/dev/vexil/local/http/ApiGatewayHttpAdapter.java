package dev.vexil.local.http;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves a Lambda handler written for API Gateway's HTTP API (payload 2.0) from the JDK's HTTP server: each
 * request is authenticated, turned into the {@link APIGatewayV2HTTPEvent} API Gateway would send, handed to the
 * very same handler class, and its {@link APIGatewayV2HTTPResponse} is written back. Like API Gateway, it answers
 * 401 itself when the caller is not authenticated (the handler never sees such a request), 413 above the 10 MB
 * payload limit, and 500 when the handler throws.
 */
public final class ApiGatewayHttpAdapter implements HttpHandler {
    /** API Gateway's request payload limit; the handler enforces its own, smaller, limit. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(ApiGatewayHttpAdapter.class.getName());

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final Authenticator authenticator;
    private final HttpEventMapper mapper;
    private final Clock clock;

    public ApiGatewayHttpAdapter(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                 Authenticator authenticator, PrincipalClaim principalClaim, Clock clock) {
        this.handler = handler;
        this.authenticator = authenticator;
        this.mapper = new HttpEventMapper(principalClaim);
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> principal = authenticator.principalOf(exchange.getRequestHeaders());
            if (principal.isEmpty()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vexil\"");
                sendProblem(exchange, 401, "Unauthorized",
                        "Send the admin token as 'Authorization: Bearer <token>' (printed at first start).");
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                sendProblem(exchange, 413, "Payload Too Large", "The request body exceeds 10 MB.");
                return;
            }
            APIGatewayV2HTTPEvent event = mapper.toEvent(exchange, body, principal.get(), clock.instant());
            APIGatewayV2HTTPResponse response;
            try {
                response = handler.handleRequest(event,
                        new LocalLambdaContext(event.getRequestContext().getRequestId(), "vexil-admin-api"));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "handler failed for " + event.getRequestContext().getHttp().getMethod()
                        + " " + event.getRawPath(), e);
                sendProblem(exchange, 500, "Internal Server Error", "The handler failed; see the server log.");
                return;
            }
            if (response == null) {
                sendProblem(exchange, 502, "Bad Gateway", "The handler returned no response.");
                return;
            }
            writeResponse(exchange, response);
        }
    }

    private static void writeResponse(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::set);
        }
        if (response.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                out.put(header.getKey(), List.copyOf(header.getValue()));
            }
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> out.add("Set-Cookie", cookie));
        }
        byte[] body = responseBody(response);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        if (noBody || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }

    private static byte[] responseBody(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null) {
            return new byte[0];
        }
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The whole body, or null when it exceeds {@link #MAX_PAYLOAD_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
    }

    static void sendProblem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }
}
