package dev.vexil.openfeature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.ProviderNotReadyError;
import dev.vexil.eval.Context;
import dev.vexil.sdk.ClientStatus;
import dev.vexil.sdk.EvaluationDetail;
import dev.vexil.sdk.SnapshotEvent;
import dev.vexil.sdk.Subscription;
import dev.vexil.sdk.VexilClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An OpenFeature provider over a {@link VexilClient}.
 *
 * <pre>{@code
 * VexilClient vexil = VexilClient.builder(edgeUrl, sdkKey).build();
 * OpenFeatureAPI.getInstance().setProviderAndWait(new VexilProvider(vexil));
 * boolean on = OpenFeatureAPI.getInstance().getClient().getBooleanValue("new-checkout", false,
 *         new ImmutableContext("user-123", Map.of("plan", new Value("pro"))));
 * }</pre>
 *
 * <p>Events: {@code PROVIDER_READY} once the client has its first snapshot (at initialisation, or later if the
 * snapshot arrives after the initialisation timeout), {@code PROVIDER_CONFIGURATION_CHANGED} with the changed flag
 * keys on every later change, {@code PROVIDER_STALE} when the data age exceeds {@code staleAfter} or
 * {@code staleAfterFailures} polls in a row failed (or the SDK key was refused), and {@code PROVIDER_READY} again once
 * the data is fresh.
 */
public final class VexilProvider extends EventProvider {
    public static final String NAME = "vexil";
    private static final System.Logger LOG = System.getLogger(VexilProvider.class.getName());

    private final VexilClient client;
    private final Duration initializationTimeout;
    private final Duration staleAfter;
    private final int staleAfterFailures;
    private final Duration healthCheckInterval;
    private final boolean closeClientOnShutdown;
    /** NEW → INITIALIZING → READY, or INITIALIZING → WAITING (init timed out) → READY on the first snapshot. */
    private enum Phase { NEW, INITIALIZING, WAITING, READY }

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
    private final AtomicBoolean stale = new AtomicBoolean();
    private volatile Subscription subscription;
    private volatile ScheduledExecutorService healthCheck;

    /** A provider with the defaults: 10 s initialisation timeout, stale after 5 minutes or 3 failed polls. */
    public VexilProvider(VexilClient client) {
        this(builder(client));
    }

    private VexilProvider(Builder b) {
        this.client = b.client;
        this.initializationTimeout = b.initializationTimeout;
        this.staleAfter = b.staleAfter;
        this.staleAfterFailures = b.staleAfterFailures;
        this.healthCheckInterval = b.healthCheckInterval;
        this.closeClientOnShutdown = b.closeClientOnShutdown;
    }

    public static Builder builder(VexilClient client) {
        return new Builder(client);
    }

    @Override
    public Metadata getMetadata() {
        return () -> NAME;
    }

    /**
     * Waits up to the initialisation timeout for the client's first snapshot. Without one it fails with
     * {@code PROVIDER_NOT_READY} (the provider is then in the ERROR state) and emits {@code PROVIDER_READY} when the
     * snapshot arrives.
     */
    @Override
    public void initialize(EvaluationContext evaluationContext) throws Exception {
        if (subscription == null) {
            subscription = client.onSnapshot(this::onSnapshot);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vexil-openfeature-health");
                t.setDaemon(true);
                return t;
            });
            long period = healthCheckInterval.toNanos();
            timer.scheduleWithFixedDelay(this::checkHealth, period, period, TimeUnit.NANOSECONDS);
            healthCheck = timer;
        }
        phase.set(Phase.INITIALIZING);
        if (client.waitForInitialization(initializationTimeout)) {
            phase.set(Phase.READY);
            return;
        }
        phase.set(Phase.WAITING);
        if (client.status().initialized() && phase.compareAndSet(Phase.WAITING, Phase.READY)) {
            return; // the snapshot arrived just after the wait
        }
        ClientStatus status = client.status();
        throw new ProviderNotReadyError("Vexil has no snapshot after " + initializationTimeout.toMillis() + " ms"
                + (status.lastError() == null ? "" : ": " + status.lastError()));
    }

    @Override
    public void shutdown() {
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
            subscription = null;
        }
        ScheduledExecutorService timer = healthCheck;
        if (timer != null) {
            timer.shutdownNow();
            healthCheck = null;
        }
        if (closeClientOnShutdown) {
            client.close();
        }
        super.shutdown();
    }

    private void onSnapshot(SnapshotEvent event) {
        if (phase.compareAndSet(Phase.WAITING, Phase.READY)) {
            emitProviderReady(ProviderEventDetails.builder()
                    .message("Vexil snapshot version " + event.version() + " loaded").build());
            return;
        }
        if (phase.get() != Phase.READY || event.previousVersion() < 0) {
            return; // the first snapshot is reported by initialize() returning
        }
        emitProviderConfigurationChanged(ProviderEventDetails.builder()
                .flagsChanged(new ArrayList<>(event.changedFlags()))
                .message("Vexil snapshot version " + event.version()).build());
    }

    private void checkHealth() {
        try {
            ClientStatus status = client.status();
            if (!status.initialized() || phase.get() != Phase.READY) {
                return;
            }
            String why = staleness(status);
            if (why != null && stale.compareAndSet(false, true)) {
                emitProviderStale(ProviderEventDetails.builder().message(why).build());
            } else if (why == null && stale.compareAndSet(true, false)) {
                emitProviderReady(ProviderEventDetails.builder().message("Vexil data is fresh again").build());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Vexil provider health check failed", e);
        }
    }

    private String staleness(ClientStatus status) {
        if (status.keyRefused()) {
            return "Vexil: " + status.lastError();
        }
        if (status.consecutiveFailures() >= staleAfterFailures) {
            return "Vexil: " + status.consecutiveFailures() + " polls in a row failed: " + status.lastError();
        }
        if (status.dataAge() != null && status.dataAge().compareTo(staleAfter) > 0) {
            return "Vexil: data last confirmed " + status.dataAge().toSeconds() + " s ago";
        }
        return null;
    }

    // ------------------------------------------------------------ evaluations

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue,
                                                            EvaluationContext ctx) {
        return evaluate(defaultValue, ctx, c -> client.boolVariationDetail(key, c,
                defaultValue != null && defaultValue));
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return evaluate(defaultValue, ctx, c -> client.stringVariationDetail(key, c, defaultValue));
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue,
                                                            EvaluationContext ctx) {
        return evaluate(defaultValue, ctx, c -> client.intVariationDetail(key, c,
                defaultValue == null ? 0 : defaultValue));
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return evaluate(defaultValue, ctx, c -> client.doubleVariationDetail(key, c,
                defaultValue == null ? 0 : defaultValue));
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return evaluate(defaultValue, ctx, c -> {
            EvaluationDetail<JsonNode> d = client.jsonVariationDetail(key, c, null);
            Value value = d.isError() || d.value() == null ? defaultValue : ResultMapper.toValue(d.value());
            return new EvaluationDetail<>(value, d.variationIndex(), d.variationName(), d.reason(),
                    d.snapshotVersion());
        });
    }

    private <T> ProviderEvaluation<T> evaluate(T defaultValue, EvaluationContext ctx,
                                               Function<Context, EvaluationDetail<T>> evaluation) {
        Context context;
        try {
            context = ContextMapper.toContext(ctx);
        } catch (ContextMapper.UnusableContextException e) {
            return ResultMapper.error(defaultValue,
                    e.missingKey() ? ErrorCode.TARGETING_KEY_MISSING : ErrorCode.INVALID_CONTEXT, e.getMessage());
        }
        EvaluationDetail<T> detail = evaluation.apply(context);
        ProviderEvaluation<T> result = ResultMapper.toEvaluation(detail);
        if (detail.isError()) {
            result.setValue(defaultValue); // the caller's own default, even a null one
        }
        return result;
    }

    /** Configures a {@link VexilProvider}. */
    public static final class Builder {
        private final VexilClient client;
        private Duration initializationTimeout = Duration.ofSeconds(10);
        private Duration staleAfter = Duration.ofMinutes(5);
        private int staleAfterFailures = 3;
        private Duration healthCheckInterval = Duration.ofSeconds(1);
        private boolean closeClientOnShutdown;

        private Builder(VexilClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** How long {@code initialize} waits for the first snapshot (default 10 s). */
        public Builder initializationTimeout(Duration timeout) {
            this.initializationTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Emit {@code PROVIDER_STALE} once the data is older than this (default 5 minutes). */
        public Builder staleAfter(Duration age) {
            this.staleAfter = Objects.requireNonNull(age);
            return this;
        }

        /** Emit {@code PROVIDER_STALE} after this many failed polls in a row (default 3). */
        public Builder staleAfterFailures(int failures) {
            if (failures < 1) {
                throw new IllegalArgumentException("staleAfterFailures must be at least 1");
            }
            this.staleAfterFailures = failures;
            return this;
        }

        /** How often staleness is checked (default 1 s). */
        public Builder healthCheckInterval(Duration interval) {
            this.healthCheckInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** Close the client when OpenFeature shuts the provider down (default false: the caller owns it). */
        public Builder closeClientOnShutdown(boolean close) {
            this.closeClientOnShutdown = close;
            return this;
        }

        public VexilProvider build() {
            return new VexilProvider(this);
        }
    }
}
