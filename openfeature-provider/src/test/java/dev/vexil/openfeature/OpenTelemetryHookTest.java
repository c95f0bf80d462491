package dev.vexil.openfeature;

import static dev.vexil.openfeature.ProviderHarness.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.vexil.openfeature.otel.EvaluationEventHook;
import dev.vexil.sdk.Eventually;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenTelemetry hook on a real provider, through the OpenFeature API, into the OpenTelemetry SDK's in-memory
 * exporters: each evaluation becomes a {@code feature_flag.evaluation} event with the semantic conventions'
 * attributes, on the current span and as a log record, and the version is the snapshot's.
 */
class OpenTelemetryHookTest {
    private static final AttributeKey<String> KEY = AttributeKey.stringKey("feature_flag.key");
    private static final AttributeKey<String> VARIANT = AttributeKey.stringKey("feature_flag.result.variant");
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("feature_flag.result.reason");
    private static final AttributeKey<String> VERSION = AttributeKey.stringKey("feature_flag.version");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("feature_flag.provider.name");
    private static final AttributeKey<String> CONTEXT_ID = AttributeKey.stringKey("feature_flag.context.id");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    @RegisterExtension
    final ProviderHarness harness = new ProviderHarness();

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    private OpenTelemetrySdk openTelemetry;
    private Tracer tracer;
    private Client client;

    @BeforeEach
    void setUp() {
        openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build())
                .build();
        tracer = openTelemetry.getTracer("checkout-service");
        client = harness.start();
    }

    @AfterEach
    void tearDown() {
        openTelemetry.close();
    }

    @Test
    void anEvaluationInsideASpanIsAnEventOnThatSpanAndALogRecord() {
        client.addHooks(EvaluationEventHook.of(openTelemetry));
        Span span = tracer.spanBuilder("checkout").startSpan();
        boolean served;
        try (Scope ignored = span.makeCurrent()) {
            served = client.getBooleanValue("targeted", false, user("vip", "free"));
        } finally {
            span.end();
        }
        assertThat(served).isTrue();

        SpanData exported = single(spans.getFinishedSpanItems());
        EventData event = single(exported.getEvents());
        assertThat(event.getName()).isEqualTo("feature_flag.evaluation");
        assertEvaluation(event.getAttributes(), "targeted", "on", "targeting_match", "3");

        LogRecordData log = single(logs.getFinishedLogRecordItems());
        assertThat(log.getEventName()).isEqualTo("feature_flag.evaluation");
        assertEvaluation(log.getAttributes(), "targeted", "on", "targeting_match", "3");
        assertThat(log.getSpanContext().getSpanId()).as("the log event is tied to the span")
                .isEqualTo(exported.getSpanId());
    }

    @Test
    void theVersionIsTheSnapshotVersionServedAtTheTime() {
        client.addHooks(EvaluationEventHook.builder(openTelemetry).spanEvents(false).build());
        client.getStringValue("theme", "none", user("u-1", "free"));
        harness.edge.snapshot(ProviderHarness.scenarios(4));
        Eventually.await("version 4 served",
                () -> "4".equals(client.getStringDetails("theme", "none").getFlagMetadata().getString("version")));
        logs.reset();
        client.getStringValue("theme", "none", user("u-1", "free"));

        LogRecordData log = single(logs.getFinishedLogRecordItems());
        assertEvaluation(log.getAttributes(), "theme", "name-dark", "static", "4");
        assertThat(spans.getFinishedSpanItems()).as("span events turned off, and no span").isEmpty();
    }

    @Test
    void anErrorCarriesItsTypeAndNoVariant() {
        client.addHooks(EvaluationEventHook.of(openTelemetry));
        assertThat(client.getBooleanValue("nope", true, user("u-1", "free"))).isTrue();

        Attributes attributes = single(logs.getFinishedLogRecordItems()).getAttributes();
        assertThat(attributes.get(KEY)).isEqualTo("nope");
        assertThat(attributes.get(REASON)).isEqualTo("error");
        assertThat(attributes.get(ERROR_TYPE)).isEqualTo("FLAG_NOT_FOUND");
        assertThat(attributes.get(VARIANT)).isNull();
        assertThat(attributes.get(PROVIDER)).isEqualTo(VexilProvider.NAME);
    }

    @Test
    void theTargetingKeyIsReportedOnlyWhenAskedFor() {
        client.addHooks(EvaluationEventHook.of(openTelemetry));
        client.getBooleanValue("static", false, user("u-42", "free"));
        assertThat(single(logs.getFinishedLogRecordItems()).getAttributes().get(CONTEXT_ID)).isNull();

        logs.reset();
        Client other = harness.client(); // a second OpenFeature client, with a hook of its own
        other.addHooks(EvaluationEventHook.builder(openTelemetry).includeContextId(true).build());
        other.getBooleanValue("static", false, user("u-42", "free"));
        assertThat(single(logs.getFinishedLogRecordItems()).getAttributes().get(CONTEXT_ID)).isEqualTo("u-42");
    }

    private static void assertEvaluation(Attributes attributes, String flag, String variant, String reason,
                                         String version) {
        assertThat(attributes.get(KEY)).isEqualTo(flag);
        assertThat(attributes.get(VARIANT)).isEqualTo(variant);
        assertThat(attributes.get(REASON)).isEqualTo(reason);
        assertThat(attributes.get(VERSION)).isEqualTo(version);
        assertThat(attributes.get(PROVIDER)).isEqualTo(VexilProvider.NAME);
        assertThat(attributes.get(CONTEXT_ID)).isNull();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
