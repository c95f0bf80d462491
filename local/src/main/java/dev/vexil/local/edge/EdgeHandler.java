package dev.vexil.local.edge;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vexil.functions.publish.SnapshotPublisher;
import dev.vexil.functions.publish.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What CloudFront plus its viewer-request function do for an SDK request (docs/architecture.md, "Snapshot objects
 * and the edge"): hash the {@code Authorization} header, look the key up, rewrite the path onto the environment's
 * object, and serve that object exactly as stored (gzip bytes, ETag, Cache-Control), with 304 for a matching
 * {@code If-None-Match}. Missing key → 401, unknown or revoked → 403, absent object → 404.
 */
final class EdgeHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(EdgeHandler.class.getName());

    private final SnapshotPublisher objects;
    private final SdkKeyLookup keys;
    private final EdgeStats stats;

    EdgeHandler(SnapshotPublisher objects, SdkKeyLookup keys, EdgeStats stats) {
        this.objects = objects;
        this.keys = keys;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            try {
                status = respond(exchange);
            } catch (RuntimeException e) {
                // The object store or the key store failed: CloudFront answers 503 when its origin or function fails.
                LOG.log(Level.WARNING, "edge could not serve " + exchange.getRequestURI().getRawPath(), e);
                status = sendError(exchange, 503, "the snapshot store is unavailable");
            }
            stats.record(status);
        }
    }

    private int respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (!EdgeRoute.isSdkPath(path)) {
            return sendError(exchange, 404, "no such path");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return sendError(exchange, 405, "only GET and HEAD are allowed");
        }
        String sdkKey = exchange.getRequestHeaders().getFirst("Authorization");
        if (sdkKey == null || sdkKey.isBlank()) {
            return sendError(exchange, 401, "missing Authorization header (the SDK key)");
        }
        Optional<String> environment = keys.environmentOf(SdkKeyLookup.hash(sdkKey.trim()));
        if (environment.isEmpty()) {
            return sendError(exchange, 403, "unknown or revoked SDK key");
        }
        Optional<StoredObject> object = EdgeRoute.objectKey(path, environment.get()).flatMap(objects::read);
        if (object.isEmpty()) {
            return sendError(exchange, 404, "no such object");
        }
        return sendObject(exchange, object.get(), method.equals("HEAD"));
    }

    private static int sendObject(HttpExchange exchange, StoredObject object, boolean headOnly) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("ETag", object.etag());
        if (object.cacheControl() != null) {
            headers.set("Cache-Control", object.cacheControl());
        }
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, object.etag())) {
            exchange.sendResponseHeaders(304, -1);
            return 304;
        }
        if (object.contentType() != null) {
            headers.set("Content-Type", object.contentType());
        }
        if (object.contentEncoding() != null) {
            headers.set("Content-Encoding", object.contentEncoding());
        }
        if (headOnly) {
            exchange.sendResponseHeaders(200, -1);
            return 200;
        }
        exchange.sendResponseHeaders(200, object.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(object.body());
        }
        return 200;
    }

    /** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): {@code W/} prefixes are ignored; {@code *} matches. */
    static boolean matches(String ifNoneMatch, String etag) {
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    private static int sendError(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = ("{\"status\":" + status + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return status;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }
}
