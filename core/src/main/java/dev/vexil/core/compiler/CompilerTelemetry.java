package dev.vexil.core.compiler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.MalformedFlag;
import dev.vexil.validate.Problem;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The compiler's structured logs: one JSON line per environment compiled, which is also a CloudWatch embedded
 * metric format (EMF) document when it carries metrics, so CloudWatch extracts them from the log without an API
 * call. Namespace {@code Vexil}, dimensions {@code project} and {@code environment}. Metrics:
 * {@code SnapshotBytes} (stored gzip bytes, on publish), {@code PublishLagMs} (newest change to publish),
 * {@code InvalidEnvironment} (a state refused by validation), {@code MalformedFlags} (flags published marked
 * malformed, on every publish), {@code SnapshotTooLarge} (a snapshot beyond {@link SnapshotLimits}, not published),
 * {@code CompileFailures} (an exception; the batch is retried), {@code PushFailures} (deltas or the push
 * notification of a published version could not be written or sent; the publish stands).
 */
public final class CompilerTelemetry {
    public static final String NAMESPACE = "Vexil";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> sink;
    private final Clock clock;

    /** {@code sink} receives one complete JSON document per call (Lambda: a line on stdout). */
    public CompilerTelemetry(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Writes to stdout, where Lambda turns each line into a CloudWatch log event. */
    public static CompilerTelemetry stdout(Clock clock) {
        return new CompilerTelemetry(System.out::println, clock);
    }

    /** The line for a compile that completed; {@code publishLagMs} is null when the change time is unknown. */
    public void compiled(CompileResult result, Long publishLagMs) {
        CompileResult.Outcome outcome = result.outcome();
        ObjectNode line = base(levelOf(result), messageOf(result), result.project(), result.environment());
        line.put("version", result.version());
        line.put("flags", result.flags());
        line.put("segments", result.segments());
        putIfSet(line, "bytes", result.bytes());
        putIfSet(line, "gzipBytes", result.gzipBytes());
        line.put("durationMs", result.durationMs());
        line.put("outcome", outcome.name());
        Map<String, Metric> metrics = new LinkedHashMap<>();
        switch (outcome) {
            case PUBLISHED -> {
                metrics.put("SnapshotBytes", new Metric(result.gzipBytes(), "Bytes"));
                if (publishLagMs != null) {
                    metrics.put("PublishLagMs", new Metric(publishLagMs, "Milliseconds"));
                }
                // Emitted on every publish, 0 included, so that the alarm clears once the flags are repaired.
                metrics.put("MalformedFlags", new Metric((long) result.malformed().size(), "Count"));
                putMalformed(line, result.malformed());
            }
            case INVALID -> {
                ArrayNode problems = line.putArray("problems");
                for (Problem p : result.problems()) {
                    problems.addObject().put("path", p.path()).put("message", p.message());
                }
                metrics.put("InvalidEnvironment", new Metric(1L, "Count"));
            }
            case TOO_LARGE -> {
                line.put("maxBytes", SnapshotLimits.MAX_RAW_BYTES);
                line.put("maxGzipBytes", SnapshotLimits.MAX_GZIP_BYTES);
                metrics.put("SnapshotTooLarge", new Metric(1L, "Count"));
            }
            default -> {
            }
        }
        emit(line, metrics);
    }

    private static String levelOf(CompileResult result) {
        return switch (result.outcome()) {
            case INVALID, TOO_LARGE -> "ERROR";
            default -> result.malformed().isEmpty() ? "INFO" : "WARN";
        };
    }

    private static String messageOf(CompileResult result) {
        return switch (result.outcome()) {
            case INVALID -> "environment state failed validation; not published, the previous snapshot stays";
            case TOO_LARGE -> "snapshot exceeds the size limit; not published, the previous snapshot stays";
            default -> result.malformed().isEmpty() ? "snapshot compiled"
                    : "snapshot compiled with malformed flags; SDKs serve them as ERROR MALFORMED_FLAG";
        };
    }

    private static void putMalformed(ObjectNode line, List<MalformedFlag> malformed) {
        if (malformed.isEmpty()) {
            return;
        }
        ArrayNode flags = line.putArray("malformedFlags");
        for (MalformedFlag flag : malformed) {
            ArrayNode problems = flags.addObject().put("key", flag.key()).putArray("problems");
            flag.problems().forEach(p -> problems.addObject().put("path", p.path()).put("message", p.message()));
        }
    }

    /** The line for a compile that threw; {@code environment} is null when the project's environments were unknown. */
    public void failed(String project, String environment, RuntimeException error, long durationMs) {
        ObjectNode line = base("ERROR", "compile failed; the batch records of this environment will be retried",
                project, environment);
        line.put("durationMs", durationMs);
        line.put("outcome", "FAILED");
        line.put("error", error.getClass().getSimpleName());
        line.put("errorMessage", String.valueOf(error.getMessage()));
        emit(line, Map.of("CompileFailures", new Metric(1L, "Count")));
    }

    /**
     * Writing the deltas or sending the push notification of a published version failed ({@code stage}:
     * {@code delta} or {@code notify}). The snapshot is live; SDKs get it by polling (or whole instead of by delta).
     */
    public void pushFailed(String project, String environment, long version, String stage, Exception error) {
        ObjectNode line = base("WARN", "push " + stage + " failed; SDKs get version " + version + " by polling",
                project, environment);
        line.put("version", version);
        line.put("stage", stage);
        line.put("error", error.getClass().getSimpleName());
        line.put("errorMessage", String.valueOf(error.getMessage()));
        emit(line, Map.of("PushFailures", new Metric(1L, "Count")));
    }

    /** A stream record the compiler could not read (no plain attributes it understands). */
    public void ignoredRecord(String eventId, String reason) {
        ObjectNode line = JSON.createObjectNode();
        line.put("level", "DEBUG");
        line.put("message", "stream record ignored: " + reason);
        line.put("eventID", eventId);
        sink.accept(line.toString());
    }

    private ObjectNode base(String level, String message, String project, String environment) {
        ObjectNode line = JSON.createObjectNode();
        line.put("level", level);
        line.put("message", message);
        line.put("project", project);
        line.put("environment", environment == null ? "*" : environment);
        return line;
    }

    private void emit(ObjectNode line, Map<String, Metric> metrics) {
        if (!metrics.isEmpty()) {
            ObjectNode directive = JSON.createObjectNode();
            directive.put("Namespace", NAMESPACE);
            directive.putArray("Dimensions").addArray().add("project").add("environment");
            ArrayNode definitions = directive.putArray("Metrics");
            metrics.forEach((name, metric) -> {
                definitions.addObject().put("Name", name).put("Unit", metric.unit());
                line.put(name, metric.value());
            });
            ObjectNode aws = JSON.createObjectNode();
            aws.put("Timestamp", clock.millis());
            aws.putArray("CloudWatchMetrics").add(directive);
            line.set("_aws", aws);
        }
        try {
            sink.accept(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void putIfSet(ObjectNode line, String field, Long value) {
        if (value != null) {
            line.put(field, value);
        }
    }

    private record Metric(Long value, String unit) {
    }
}
