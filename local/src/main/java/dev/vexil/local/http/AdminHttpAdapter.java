package dev.vexil.local.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local stand-in for API Gateway in front of the admin API, on the JDK's HTTP server: each request is
 * authenticated, normalised into an {@link HttpCall} as API Gateway's HTTP API would pass it on, handed to the
 * {@link HttpBackend}, and its {@link HttpReply} is written back. Like API Gateway, it answers 401 itself when the
 * caller is not authenticated (the backend never sees such a request), 413 above the 10 MB payload limit, 500 when
 * the backend throws and 502 when it answers nothing.
 */
public final class AdminHttpAdapter implements HttpHandler {
    /** API Gateway's request payload limit; the admin API enforces its own, smaller, limit. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(AdminHttpAdapter.class.getName());

    private final HttpBackend backend;
    private final Authenticator authenticator;
    private final Clock clock;

    public AdminHttpAdapter(HttpBackend backend, Authenticator authenticator, Clock clock) {
        this.backend = backend;
        this.authenticator = authenticator;
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
            HttpCall call = HttpCalls.of(exchange, body, principal.get(), clock.instant());
            HttpReply reply;
            try {
                reply = backend.handle(call);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "handler failed for " + call.method() + " " + call.rawPath(), e);
                sendProblem(exchange, 500, "Internal Server Error", "The handler failed; see the server log.");
                return;
            }
            if (reply == null) {
                sendProblem(exchange, 502, "Bad Gateway", "The handler returned no response.");
                return;
            }
            writeReply(exchange, reply);
        }
    }

    private static void writeReply(HttpExchange exchange, HttpReply reply) throws IOException {
        Headers out = exchange.getResponseHeaders();
        for (Map.Entry<String, List<String>> header : reply.headers().entrySet()) {
            out.put(header.getKey(), List.copyOf(header.getValue()));
        }
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        int status = reply.status() == 0 ? 200 : reply.status();
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
