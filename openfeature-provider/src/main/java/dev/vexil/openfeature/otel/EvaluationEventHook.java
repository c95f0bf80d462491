package dev.vexil.openfeature.otel;

import dev.openfeature.sdk.EvaluationEvent;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.HookContext;
import dev.openfeature.sdk.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.Objects;

/**
 * Reports every flag evaluation to OpenTelemetry as a {@code feature_flag.evaluation} event, with the attributes of
 * the OpenTelemetry semantic conventions for feature flags ({@code feature_flag.key},
 * {@code feature_flag.result.variant}, {@code feature_flag.result.reason}, {@code feature_flag.version},
 * {@code feature_flag.provider.name}, {@code error.type} …):
 * <ul>
 *   <li>as an event on the current span, when one is recording (what the OpenFeature contrib {@code TracesHook}
 *       does), and</li>
 *   <li>as a log record named {@code feature_flag.evaluation} through the Logs API (the conventions' event form).</li>
 * </ul>
 *
 * <p>Why a hook of our own: the OpenFeature contrib hook ({@code dev.openfeature.contrib.hooks:otel}) is the one
 * to use, and the provider works with it unchanged, but the Maven repository this project builds from does not
 * serve it (docs/insights.md, "OpenTelemetry"). This class writes no mapping of its own: the attributes come from
 * the OpenFeature SDK's {@link Telemetry#createEvaluationEvent}, the SDK's implementation of those conventions,
 * which reads {@code feature_flag.version} from the flag metadata key {@code version} that
 * {@link dev.vexil.openfeature.VexilProvider} fills with the snapshot version.
 *
 * <p>Privacy: {@code feature_flag.context.id} (the targeting key, a user id) is left out unless
 * {@link Builder#includeContextId(boolean)} asks for it, as Vexil's own metrics never send context keys.
 * Never throws into an evaluation: OpenTelemetry's API does not throw, and hooks' failures are logged by the
 * OpenFeature SDK.
 */
public final class EvaluationEventHook implements Hook<Object> {
    private static final String INSTRUMENTATION_SCOPE = "dev.vexil.openfeature";

    private final Logger logger;
    private final boolean spanEvents;
    private final boolean logEvents;
    private final boolean includeContextId;

    private EvaluationEventHook(Builder builder) {
        this.logger = builder.openTelemetry.getLogsBridge().get(INSTRUMENTATION_SCOPE);
        this.spanEvents = builder.spanEvents;
        this.logEvents = builder.logEvents;
        this.includeContextId = builder.includeContextId;
    }

    /** A hook that reports through {@code openTelemetry} (span events and log events, no context id). */
    public static EvaluationEventHook of(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public void finallyAfter(HookContext<Object> context, FlagEvaluationDetails<Object> details,
                             Map<String, Object> hints) {
        EvaluationEvent event = Telemetry.createEvaluationEvent(context, details);
        Attributes attributes = attributesOf(event);
        if (spanEvents) {
            Span span = Span.current();
            if (span.isRecording()) {
                span.addEvent(event.getName(), attributes);
            }
        }
        if (logEvents) {
            logger.logRecordBuilder().setEventName(event.getName()).setAllAttributes(attributes).emit();
        }
    }

    private Attributes attributesOf(EvaluationEvent event) {
        AttributesBuilder attributes = Attributes.builder();
        for (Map.Entry<String, Object> a : event.getAttributes().entrySet()) {
            if (a.getValue() == null
                    || (!includeContextId && Telemetry.TELEMETRY_CONTEXT_ID.equals(a.getKey()))) {
                continue;
            }
            put(attributes, a.getKey(), a.getValue());
        }
        return attributes.build();
    }

    /** OpenTelemetry attributes are typed; a structured flag value is reported as its text. */
    private static void put(AttributesBuilder attributes, String key, Object value) {
        switch (value) {
            case Boolean b -> attributes.put(key, b);
            case Integer i -> attributes.put(key, i.longValue());
            case Long l -> attributes.put(key, l);
            case Double d -> attributes.put(key, d);
            case Float f -> attributes.put(key, f.doubleValue());
            default -> attributes.put(key, String.valueOf(value));
        }
    }

    /** Options: which forms to emit, and whether to report the targeting key. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean spanEvents = true;
        private boolean logEvents = true;
        private boolean includeContextId;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /** Add the event to the current span when it is recording (default: on). */
        public Builder spanEvents(boolean on) {
            this.spanEvents = on;
            return this;
        }

        /** Emit the event as a log record through the Logs API (default: on). */
        public Builder logEvents(boolean on) {
            this.logEvents = on;
            return this;
        }

        /** Report the targeting key as {@code feature_flag.context.id} (default: off: it identifies a user). */
        public Builder includeContextId(boolean on) {
            this.includeContextId = on;
            return this;
        }

        public EvaluationEventHook build() {
            return new EvaluationEventHook(this);
        }
    }
}
