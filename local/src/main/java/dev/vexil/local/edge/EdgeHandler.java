package dev.vexil.local.edge;

import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.SdkKeys;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vexil.core.publish.SnapshotSource;
import dev.vexil.core.publish.StoredObject;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.wire.EvaluationSummary;
import dev.vexil.wire.EvaluationSummaryException;
import dev.vexil.wire.UnsupportedContentEncodingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What CloudFront plus its viewer-request function do for an SDK request (docs/architecture.md, "Snapshot objects
 * and the edge"): hash the {@code Authorization} header, look the key up, rewrite the path onto the environment's
 * object, and serve that object exactly as stored (gzip bytes, ETag, Cache-Control), with 304 for a matching
 * {@code If-None-Match}. Missing or malformed key → 401 (as the CloudFront Function
 * answers), unknown or revoked → 403, absent object → 404, a failing key or object store → 503 with Retry-After.
 */
final class EdgeHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(EdgeHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As infra-cdk/edge/sdk-gate.js: a few poll intervals, so that a fleet backs off together. */
    static final String RETRY_AFTER_SECONDS = "30";

    private final SnapshotSource objects;
    private final SdkKeyLookup keys;
    private final EdgeStats stats;
    private final InsightsIngest ingest; // null: no events route

    EdgeHandler(SnapshotSource objects, SdkKeyLookup keys, EdgeStats stats, InsightsIngest ingest) {
        this.objects = objects;
        this.keys = keys;
        this.stats = stats;
        this.ingest = ingest;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(exchange);
            } catch (RuntimeException e) {
                // The object store or the key store failed: 503 with Retry-After, as the CloudFront Function answers
                // a KeyValueStore fault. Never 403, which SDKs take as a refused key.
                LOG.log(Level.WARNING, "edge could not serve " + exchange.getRequestURI().getRawPath(), e);
                exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
                sendError(exchange, 503, "the snapshot store is unavailable");
            }
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (!EdgeRoute.isSdkPath(path)) {
            sendError(exchange, 404, "no such path");
            return;
        }
        if (ingest != null && path.equals(EdgeRoute.EVENTS)) {
            receiveEvents(exchange);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            sendError(exchange, 405, "only GET and HEAD are allowed");
            return;
        }
        Optional<EnvironmentId> environment = authorise(exchange);
        if (environment.isEmpty()) {
            return;
        }
        Optional<StoredObject> object = EdgeRoute.objectKey(path, environment.get()).flatMap(objects::read);
        if (object.isEmpty()) {
            sendError(exchange, 404, "no such object");
            return;
        }
        sendObject(exchange, object.get(), method.equals("HEAD"));
    }

    /**
     * The SDK key check every SDK path shares: the environment the key opens, or empty once the 401 (missing or
     * malformed key) or 403 (unknown or revoked) has been sent.
     */
    private Optional<EnvironmentId> authorise(HttpExchange exchange) throws IOException {
        String sdkKey = exchange.getRequestHeaders().getFirst("Authorization");
        if (sdkKey == null || sdkKey.isBlank()) {
            sendError(exchange, 401, "missing Authorization header (the SDK key)");
            return Optional.empty();
        }
        String presented = sdkKey.trim();
        if (!SdkKeys.isWellFormed(presented)) {
            sendError(exchange, 401, "the Authorization header is not an SDK key (sdk- and 43 base64url characters)");
            return Optional.empty();
        }
        Optional<EnvironmentId> environment = keys.environmentOf(SdkKeys.hash(presented));
        if (environment.isEmpty()) {
            sendError(exchange, 403, "unknown or revoked SDK key");
        }
        return environment;
    }

    /**
     * {@code POST /sdk/v1/events}: an SDK's evaluation summary, into the insights store (docs/insights.md). The key
     * is checked exactly as for snapshots; the body is decoded by its {@code Content-Encoding} (identity or gzip) by
     * the shared rule, {@link EvaluationSummary#decodeBody}: a body over the size cap, as sent or inflated, and bad
     * gzip are 400, another coding is 415 with {@code Accept-Encoding: gzip}; bad input stores nothing; 202 once
     * stored.
     */
    private void receiveEvents(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            sendError(exchange, 405, "only POST is allowed");
            return;
        }
        Optional<EnvironmentId> environment = authorise(exchange);
        if (environment.isEmpty()) {
            return;
        }
        byte[] sent;
        try (InputStream in = exchange.getRequestBody()) {
            sent = in.readNBytes(EvaluationSummary.MAX_BYTES + 1); // one more than the cap, to refuse it unread
        }
        List<String> codings = exchange.getRequestHeaders().get("Content-Encoding");
        byte[] json;
        try {
            json = EvaluationSummary.decodeBody(sent, codings == null ? null : String.join(", ", codings));
        } catch (UnsupportedContentEncodingException e) {
            exchange.getResponseHeaders().set("Accept-Encoding", UnsupportedContentEncodingException.ACCEPTED);
            sendError(exchange, 415, e.getMessage());
            return;
        } catch (EvaluationSummaryException e) {
            sendError(exchange, 400, e.getMessage());
            return;
        }
        InsightsIngest.Outcome outcome = ingest.ingest(environment.get(), json);
        if (outcome instanceof InsightsIngest.Outcome.Invalid invalid) {
            sendError(exchange, 400, invalid.message());
            return;
        }
        InsightsIngest.Outcome.Accepted accepted = (InsightsIngest.Outcome.Accepted) outcome;
        sendJson(exchange, 202, "{\"status\":202,\"counts\":" + accepted.counts() + ",\"unknownFlagCounts\":"
                + accepted.unknown() + "}");
    }

    private void sendObject(HttpExchange exchange, StoredObject object, boolean headOnly) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("ETag", object.etag());
        if (object.cacheControl() != null) {
            headers.set("Cache-Control", object.cacheControl());
        }
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, object.etag())) {
            sendHeaders(exchange, 304, -1);
            return;
        }
        if (object.contentType() != null) {
            headers.set("Content-Type", object.contentType());
        }
        if (object.contentEncoding() != null) {
            headers.set("Content-Encoding", object.contentEncoding());
        }
        if (headOnly) {
            sendHeaders(exchange, 200, -1);
            return;
        }
        sendHeaders(exchange, 200, object.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(object.body());
        }
    }

    /** Counts the answer before sending it, so that a client that has its response also sees it counted. */
    private void sendHeaders(HttpExchange exchange, int status, long length) throws IOException {
        stats.record(exchange.getRequestURI().getPath(), status);
        exchange.sendResponseHeaders(status, length);
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

    private void sendError(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, "{\"status\":" + status + ",\"message\":" + JSON.writeValueAsString(message) + "}");
    }

    private void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            sendHeaders(exchange, status, -1);
            return;
        }
        sendHeaders(exchange, status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return;
    }
}
