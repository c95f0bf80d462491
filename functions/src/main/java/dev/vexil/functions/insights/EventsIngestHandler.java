package dev.vexil.functions.insights;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.validate.KeyRules;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.EvaluationSummary;
import dev.vexil.wire.EvaluationSummaryException;
import dev.vexil.wire.UnsupportedContentEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest of SDK evaluation summaries on AWS [built, not deployed; the stack's InsightsIngestion construct,
 * docs/insights.md]: a Lambda function URL (payload format 2.0) behind CloudFront, whose viewer-request function
 * checks the SDK key exactly as for snapshots and rewrites {@code POST /sdk/v1/events} to
 * {@code POST /events/<project>/<environment>}. The function URL only accepts CloudFront's signed requests, so the
 * environment in the path is the one the key opened. Decodes the body by its {@code Content-Encoding} (identity or
 * gzip, {@link EvaluationSummary#decodeBody}) and runs the same {@link InsightsIngest} as the local edge: 202 once
 * accepted (on AWS into this sandbox's pre-aggregation buffer, written to the table by a later flush; see
 * {@link IngestWiring}), 400 for bad input (nothing stored), 404 for another path, 405 for another method, 415 with
 * {@code Accept-Encoding: gzip} for another coding, 503 with {@code Retry-After} when the snapshot cannot be read
 * or a write-through store fails.
 */
public final class EventsIngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/events/";
    /** As the edge answers a failing key store: a few intervals' worth, so that a fleet backs off together. */
    private static final String RETRY_AFTER_SECONDS = "30";

    private final InsightsIngest ingest;

    /** For Lambda: the wiring of {@link IngestWiring} (environment variables). */
    public EventsIngestHandler() {
        this(IngestWiring.INGEST);
    }

    /** For tests: any ingest. */
    public EventsIngestHandler(InsightsIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        EnvironmentId environment = environmentOf(path);
        if (environment == null) {
            return answer(404, Map.of("status", 404, "message", "no such path"));
        }
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getMethod();
        if (!"POST".equals(method)) {
            return answer(405, Map.of("status", 405, "message", "only POST is allowed"));
        }
        byte[] json;
        try {
            json = EvaluationSummary.decodeBody(body(event), header(event, "content-encoding"));
        } catch (UnsupportedContentEncodingException e) {
            return answer(415, Map.of("status", 415, "message", e.getMessage()),
                    Map.of("Accept-Encoding", UnsupportedContentEncodingException.ACCEPTED));
        } catch (EvaluationSummaryException e) {
            return answer(400, Map.of("status", 400, "message", e.getMessage()));
        }
        InsightsIngest.Outcome outcome;
        try {
            outcome = ingest.ingest(environment, json);
        } catch (RuntimeException storeOrSnapshotFailed) {
            // As the local edge answers: the SDK keeps the counts and merges them into its next window.
            JsonLog.error("evaluation summary not stored", path, storeOrSnapshotFailed);
            return answer(503, Map.of("status", 503, "message", "the insights store is unavailable"),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        if (outcome instanceof InsightsIngest.Outcome.Invalid invalid) {
            return answer(400, Map.of("status", 400, "message", invalid.message()));
        }
        InsightsIngest.Outcome.Accepted accepted = (InsightsIngest.Outcome.Accepted) outcome;
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", 202);
        reply.put("counts", accepted.counts());
        reply.put("unknownFlagCounts", accepted.unknown());
        return answer(202, reply);
    }

    /** {@code /events/<project>/<environment>} with valid keys, else null. */
    private static EnvironmentId environmentOf(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 2 || !KeyRules.isValidKey(parts[0]) || !KeyRules.isValidKey(parts[1])) {
            return null;
        }
        return new EnvironmentId(parts[0], parts[1]);
    }

    /** The bytes the client sent: a binary body (a gzipped summary) arrives base64-encoded. */
    private static byte[] body(APIGatewayV2HTTPEvent event) throws EvaluationSummaryException {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new EvaluationSummaryException("", "the body is not valid base64");
        }
    }

    /** A request header; payload format 2.0 gives their names in lower case, repeated ones joined by commas. */
    private static String header(APIGatewayV2HTTPEvent event, String lowerCaseName) {
        return event.getHeaders() == null ? null : event.getHeaders().get(lowerCaseName);
    }

    private static APIGatewayV2HTTPResponse answer(int status, Map<String, Object> body) {
        return answer(status, body, Map.of());
    }

    private static APIGatewayV2HTTPResponse answer(int status, Map<String, Object> body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json",
                "Cache-Control", "no-store"));
        headers.putAll(extra);
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(headers)
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
