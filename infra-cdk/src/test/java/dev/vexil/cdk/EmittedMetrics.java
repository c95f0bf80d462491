package dev.vexil.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.compiler.CompileResult;
import dev.vexil.core.compiler.CompilerTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: the embedded-metric-format directive the real CompilerTelemetry writes for a failed compile, so the
 * infrastructure tests can check that the alarms query the namespace and dimension set the compiler publishes.
 */
public final class EmittedMetrics {
    private EmittedMetrics() {
    }

    /** The metric names of the line the real CompilerTelemetry writes for {@code result}. */
    public static List<String> metricNames(CompileResult result) {
        List<String> lines = new ArrayList<>();
        new CompilerTelemetry(lines::add, Clock.systemUTC()).compiled(result, null);
        List<String> names = new ArrayList<>();
        try {
            new ObjectMapper().readTree(lines.get(0)).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics")
                    .forEach(m -> names.add(m.path("Name").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The first CloudWatchMetrics directive of a CompileFailures line. */
    public static JsonNode compileFailureDirective() {
        List<String> lines = new ArrayList<>();
        new CompilerTelemetry(lines::add, Clock.systemUTC())
                .failed("shop", "prod", new IllegalStateException("test"), 1);
        try {
            return new ObjectMapper().readTree(lines.get(0)).path("_aws").path("CloudWatchMetrics").get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
