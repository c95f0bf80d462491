package dev.vexil.functions.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Captures the compiler's log lines (what Lambda would send to CloudWatch) and parses them as JSON. */
final class LogLines implements Consumer<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(line);
    }

    List<JsonNode> json() {
        return lines.stream().map(LogLines::parse).toList();
    }

    /** Lines that are EMF documents declaring {@code metric} in namespace Vexil. */
    List<JsonNode> withMetric(String metric) {
        return json().stream().filter(l -> {
            for (JsonNode directive : l.path("_aws").path("CloudWatchMetrics")) {
                if (directive.path("Namespace").asText().equals("Vexil")) {
                    for (JsonNode m : directive.path("Metrics")) {
                        if (m.path("Name").asText().equals(metric)) {
                            return l.has(metric);
                        }
                    }
                }
            }
            return false;
        }).toList();
    }

    List<JsonNode> compileLines(String environment) {
        return json().stream().filter(l -> environment.equals(l.path("environment").asText()) && l.has("outcome"))
                .toList();
    }

    void clear() {
        lines.clear();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON log line: " + line, e);
        }
    }
}
