package dev.vexil.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.vexil.eval.ReasonKind;
import dev.vexil.validate.KeyRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The evaluation summary an SDK sends to {@code POST /sdk/v1/events} (docs/insights.md, "The summary"; JSON Schema in
 * {@value #SCHEMA_RESOURCE}): the window it covers, the SDK, the snapshot version, and counts per flag × variation ×
 * reason kind, plus how many evaluations were dropped past the SDK's cap. Only counts: never a context key or
 * attribute. The SDKs write it with {@link #toJson()} and send it gzipped ({@link #gzipBody(byte[])},
 * {@code Content-Encoding: gzip}); every ingest decodes the body with {@link #decodeBody(byte[], String)} and reads it
 * with {@link #parse(byte[])}, the one reader, which refuses (with {@link EvaluationSummaryException}, naming the member) anything outside the schema or
 * its bounds, so that one bad summary changes nothing.
 */
public record EvaluationSummary(String sdkName, String sdkVersion, long snapshotVersion, Instant windowStart,
                                Instant windowEnd, List<Count> counts, long dropped) {
    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_RESOURCE = "/dev/vexil/wire/evaluation-summary-v1.schema.json";
    /** Bodies above this size, as sent or once inflated, are refused before parsing. */
    public static final int MAX_BYTES = 1_048_576;
    /** The {@code Content-Encoding} the SDKs send summaries in. */
    public static final String GZIP = "gzip";
    /** At most this many count entries in one summary (the SDK's default cap is the same). */
    public static final int MAX_COUNTS = 10_000;
    /** No single count, nor {@code dropped}, may exceed this: 10¹² evaluations is far beyond any real window. */
    public static final long MAX_COUNT = 1_000_000_000_000L;
    /** A window (merged after failed sends) may span at most this long. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** Variation indexes run from -1 (none served) to 99 (a flag has at most 100 variations). */
    public static final int MAX_VARIATION = 99;
    private static final int MAX_NAME = 64;

    private static final Set<String> TOP_LEVEL = Set.of("schemaVersion", "sdk", "snapshotVersion", "window", "counts",
            "dropped");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    /** One row: {@code variation} is -1 when no variation was served (errors). */
    public record Count(String flag, int variation, ReasonKind reason, long count) {
        public Count {
            Objects.requireNonNull(flag, "flag");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public EvaluationSummary {
        counts = List.copyOf(counts);
    }

    /** Compact JSON, members in the schema's order. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeObjectFieldStart("sdk");
            g.writeStringField("name", sdkName);
            g.writeStringField("version", sdkVersion);
            g.writeEndObject();
            g.writeNumberField("snapshotVersion", snapshotVersion);
            g.writeObjectFieldStart("window");
            g.writeStringField("start", windowStart.toString());
            g.writeStringField("end", windowEnd.toString());
            g.writeEndObject();
            g.writeArrayFieldStart("counts");
            for (Count c : counts) {
                g.writeStartObject();
                g.writeStringField("flag", c.flag());
                g.writeNumberField("variation", c.variation());
                g.writeStringField("reason", c.reason().name());
                g.writeNumberField("count", c.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("dropped", dropped);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A summary's JSON as the SDKs send it, with {@code Content-Encoding:} {@value #GZIP}. */
    public static byte[] gzipBody(byte[] json) {
        return SummaryGzip.gzip(json);
    }

    /**
     * The JSON of a summary body as an ingest received it, by its {@code Content-Encoding} (the header's value, null
     * when absent): none or {@code identity} as is (older SDKs, curl), {@code gzip} (or its alias {@code x-gzip})
     * inflated. Refuses (with {@link EvaluationSummaryException}, for a 400) a body over {@link #MAX_BYTES} as sent or
     * once inflated (inflating stops at the cap) and a body that is not valid gzip; and (with
     * {@link UnsupportedContentEncodingException}, for a 415) any other coding, or more than one.
     */
    public static byte[] decodeBody(byte[] body, String contentEncoding) throws EvaluationSummaryException,
            UnsupportedContentEncodingException {
        String coding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        boolean gzipped = switch (coding) {
            case "", "identity" -> false;
            case GZIP, "x-gzip" -> true;
            default -> throw new UnsupportedContentEncodingException(contentEncoding.trim());
        };
        if (body.length > MAX_BYTES) {
            throw new EvaluationSummaryException("", "the body is larger than " + MAX_BYTES + " bytes");
        }
        return gzipped ? SummaryGzip.gunzip(body, MAX_BYTES) : body;
    }

    /** Reads and checks a summary: size, JSON, every member's type and bounds. */
    public static EvaluationSummary parse(byte[] body) throws EvaluationSummaryException {
        if (body == null || body.length == 0) {
            throw new EvaluationSummaryException("", "the body is empty");
        }
        if (body.length > MAX_BYTES) {
            throw new EvaluationSummaryException("", "the body has " + body.length + " bytes; at most " + MAX_BYTES
                    + " are accepted");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new EvaluationSummaryException("", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new EvaluationSummaryException("", "expected a JSON object");
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw new EvaluationSummaryException(name, "unknown member");
            }
        }
        integer(root, "schemaVersion", SCHEMA_VERSION, SCHEMA_VERSION);
        JsonNode sdk = object(root, "sdk");
        String sdkName = text(sdk, "sdk.name", "name");
        String sdkVersion = text(sdk, "sdk.version", "version");
        long snapshotVersion = integer(root, "snapshotVersion", 0, Long.MAX_VALUE);
        JsonNode window = object(root, "window");
        Instant start = instant(window, "window.start", "start");
        Instant end = instant(window, "window.end", "end");
        if (end.isBefore(start)) {
            throw new EvaluationSummaryException("window.end", "is before window.start");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new EvaluationSummaryException("window", "spans more than " + MAX_WINDOW.toDays() + " days");
        }
        JsonNode counts = root.get("counts");
        if (counts == null || !counts.isArray()) {
            throw new EvaluationSummaryException("counts", "expected an array");
        }
        if (counts.size() > MAX_COUNTS) {
            throw new EvaluationSummaryException("counts", "has " + counts.size() + " entries; at most " + MAX_COUNTS);
        }
        List<Count> rows = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            rows.add(count(counts.get(i), "counts[" + i + "]"));
        }
        long dropped = integer(root, "dropped", 0, MAX_COUNT);
        return new EvaluationSummary(sdkName, sdkVersion, snapshotVersion, start, end, rows, dropped);
    }

    private static Count count(JsonNode row, String path) throws EvaluationSummaryException {
        if (row == null || !row.isObject()) {
            throw new EvaluationSummaryException(path, "expected an object");
        }
        JsonNode flag = row.get("flag");
        if (flag == null || !flag.isTextual() || !KeyRules.isValidKey(flag.textValue())) {
            throw new EvaluationSummaryException(path + ".flag", "expected a flag key matching " + KeyRules.KEY_REGEX);
        }
        int variation = (int) integer(row, path + ".variation", "variation", -1, MAX_VARIATION);
        JsonNode reason = row.get("reason");
        ReasonKind kind = null;
        if (reason != null && reason.isTextual()) {
            for (ReasonKind k : ReasonKind.values()) {
                if (k.name().equals(reason.textValue())) {
                    kind = k;
                }
            }
        }
        if (kind == null) {
            throw new EvaluationSummaryException(path + ".reason", "expected one of " + List.of(ReasonKind.values()));
        }
        long count = integer(row, path + ".count", "count", 1, MAX_COUNT);
        return new Count(flag.textValue(), variation, kind, count);
    }

    private static JsonNode object(JsonNode parent, String name) throws EvaluationSummaryException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw new EvaluationSummaryException(name, "expected an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String path, String name) throws EvaluationSummaryException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > MAX_NAME) {
            throw new EvaluationSummaryException(path, "expected a string of 1 to " + MAX_NAME + " characters");
        }
        return node.textValue();
    }

    private static Instant instant(JsonNode parent, String path, String name) throws EvaluationSummaryException {
        JsonNode node = parent.get(name);
        try {
            if (node != null && node.isTextual()) {
                return Instant.parse(node.textValue());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new EvaluationSummaryException(path, "expected an ISO-8601 UTC instant, e.g. 2026-12-03T17:00:00Z");
    }

    private static long integer(JsonNode parent, String name, long min, long max) throws EvaluationSummaryException {
        return integer(parent, name, name, min, max);
    }

    private static long integer(JsonNode parent, String path, String name, long min, long max)
            throws EvaluationSummaryException {
        JsonNode node = parent.get(name);
        if (node == null || node.getNodeType() != JsonNodeType.NUMBER || !node.canConvertToExactIntegral()
                || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new EvaluationSummaryException(path, "expected an integer from " + min + " to " + max);
        }
        return node.longValue();
    }
}
