package dev.vexil.openfeature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.FatalError;
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
 * <p>Evaluation follows the OpenFeature specification (the version the Java SDK 1.22 implements): the targeting
 * key is optional (a context without one is a keyless Vexil context), and the checks run in the order
 * {@code PROVIDER_NOT_READY}, {@code FLAG_NOT_FOUND}, {@code TYPE_MISMATCH}, then the evaluation. Reasons, error
 * codes and flag metadata are listed in {@code sdk-java/README.md}.
 *
 * <p>Events: {@code PROVIDER_READY} when {@link #initialize} returns (emitted by the OpenFeature SDK), or later if the
 * first snapshot arrives after the initialisation timeout; {@code PROVIDER_CONFIGURATION_CHANGED} with the changed
 * flag keys on every later change; {@code PROVIDER_STALE} when the data age exceeds {@code staleAfter} or
 * {@code staleAfterFailures} polls in a row failed, and {@code PROVIDER_READY} again once the data is fresh;
 * {@code PROVIDER_ERROR} (error code {@code GENERAL}) when the edge refuses the SDK key, after which the provider
 * keeps serving its last data while the client retries the key (at most every 5 minutes), and
 * {@code PROVIDER_READY} again once the key is accepted. Initialisation fails with {@code PROVIDER_NOT_READY} while
 * a snapshot may still come (also while the key is refused: it may work again), and with {@code PROVIDER_FATAL}
 * when none can (the client is offline or closed, with nothing on disk).
 */
public final class VexilProvider extends EventProvider {
    public static final String NAME = "vexil";
    private static final System.Logger LOG = System.getLogger(VexilProvider.class.getName());
    /** How often the client retries a refused key (the SDK's documented floor), for messages. */
    private static final int KEY_RETRY_MINUTES = 5;

    private final VexilClient client;
    private final Duration initializationTimeout;
    private final Duration staleAfter;
    private final int staleAfterFailures;
    private final Duration healthCheckInterval;
    private final boolean closeClientOnShutdown;

    /** NEW → INITIALIZING → READY, or INITIALIZING → WAITING (init failed) → READY on the first snapshot. */
    private enum Phase { NEW, INITIALIZING, WAITING, READY }

    /** What the last health event said; ERROR (key refused) lasts until the client reports the key accepted. */
    private enum Health { FRESH, STALE, ERROR }

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
    private Health health = Health.FRESH; // guarded by this
    private Subscription subscription; // guarded by this
    private ScheduledExecutorService healthCheck; // guarded by this

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

    /** Starts a builder for a provider over {@code client}. */
    public static Builder builder(VexilClient client) {
        return new Builder(client);
    }

    /** The provider's name, {@value #NAME}. */
    @Override
    public Metadata getMetadata() {
        return () -> NAME;
    }

    /**
     * Waits up to the initialisation timeout for the client's first snapshot. Without one it fails with
     * {@code PROVIDER_NOT_READY} (the provider is then in the ERROR state) and emits {@code PROVIDER_READY} when the
     * snapshot arrives; if no snapshot can arrive any more, it fails with {@code PROVIDER_FATAL}.
     */
    @Override
    public void initialize(EvaluationContext evaluationContext) throws Exception {
        startWatching();
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
        String problem = status.lastError() == null ? "" : ": " + status.lastError();
        if (!status.polling()) {
            throw new FatalError("Vexil has no snapshot and cannot get one" + problem);
        }
        if (status.keyRefused()) {
            throw new ProviderNotReadyError("Vexil has no snapshot" + problem + "; the key is retried every "
                    + KEY_RETRY_MINUTES + " minutes");
        }
        throw new ProviderNotReadyError("Vexil has no snapshot after " + initializationTimeout.toMillis() + " ms"
                + problem);
    }

    private synchronized void startWatching() {
        if (subscription != null) {
            return;
        }
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

    /**
     * Stops watching the client and returns to the uninitialised state; closes the client only if
     * {@code closeClientOnShutdown} was set. Calling it again does nothing. The OpenFeature event emitter of a
     * provider that was shut down is gone: register a new provider rather than this one again.
     */
    @Override
    public void shutdown() {
        synchronized (this) {
            if (subscription == null) {
                return;
            }
            subscription.cancel();
            subscription = null;
            healthCheck.shutdownNow();
            healthCheck = null;
            phase.set(Phase.NEW);
            health = Health.FRESH;
        }
        if (closeClientOnShutdown) {
            client.close();
        }
        super.shutdown();
    }

    private void onSnapshot(SnapshotEvent event) {
        if (phase.compareAndSet(Phase.WAITING, Phase.READY)) {
            emitProviderReady(details("Vexil snapshot version " + event.version() + " loaded", event.version()));
            return;
        }
        if (phase.get() != Phase.READY || event.previousVersion() < 0) {
            return; // the first snapshot is reported by initialize() returning
        }
        emitProviderConfigurationChanged(ProviderEventDetails.builder()
                .flagsChanged(new ArrayList<>(event.changedFlags()))
                .message("Vexil snapshot version " + event.version())
                .eventMetadata(versionMetadata(event.version())).build());
    }

    private synchronized void checkHealth() {
        try {
            ClientStatus status = client.status();
            if (phase.get() != Phase.READY || !status.initialized()) {
                return;
            }
            if (health == Health.ERROR) {
                if (!status.keyRefused()) {
                    health = Health.FRESH;
                    emitProviderReady(details("Vexil: the SDK key is accepted again", status.snapshotVersion()));
                }
                return;
            }
            if (status.keyRefused()) {
                health = Health.ERROR;
                emitProviderError(ProviderEventDetails.builder().errorCode(ErrorCode.GENERAL)
                        .message("Vexil: " + status.lastError() + "; serving snapshot version "
                                + status.snapshotVersion() + " while the key is retried every " + KEY_RETRY_MINUTES
                                + " minutes")
                        .eventMetadata(versionMetadata(status.snapshotVersion())).build());
                return;
            }
            String why = staleness(status);
            if (why != null && health == Health.FRESH) {
                health = Health.STALE;
                emitProviderStale(details(why, status.snapshotVersion()));
            } else if (why == null && health == Health.STALE) {
                health = Health.FRESH;
                emitProviderReady(details("Vexil data is fresh again", status.snapshotVersion()));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Vexil provider health check failed", e);
        }
    }

    private String staleness(ClientStatus status) {
        if (status.consecutiveFailures() >= staleAfterFailures) {
            return "Vexil: " + status.consecutiveFailures() + " polls in a row failed: " + status.lastError();
        }
        if (status.dataAge() != null && status.dataAge().compareTo(staleAfter) > 0) {
            return "Vexil: data last confirmed " + status.dataAge().toSeconds() + " s ago";
        }
        return null;
    }

    private static ProviderEventDetails details(String message, long snapshotVersion) {
        return ProviderEventDetails.builder().message(message).eventMetadata(versionMetadata(snapshotVersion))
                .build();
    }

    private static ImmutableMetadata versionMetadata(long snapshotVersion) {
        return ImmutableMetadata.builder().addLong(ResultMapper.SNAPSHOT_VERSION, snapshotVersion).build();
    }

    // ------------------------------------------------------------ evaluations

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue,
                                                            EvaluationContext ctx) {
        return evaluate(key, defaultValue, ctx, c -> client.boolVariationDetail(key, c,
                defaultValue != null && defaultValue));
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return evaluate(key, defaultValue, ctx, c -> client.stringVariationDetail(key, c, defaultValue));
    }

    /**
     * A number flag's value truncated toward zero ({@code 1.5} gives {@code 1}, as flagd does); a value outside the
     * int range is {@code TYPE_MISMATCH}.
     */
    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue,
                                                            EvaluationContext ctx) {
        return evaluate(key, defaultValue, ctx, c -> client.intVariationDetail(key, c,
                defaultValue == null ? 0 : defaultValue));
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return evaluate(key, defaultValue, ctx, c -> client.doubleVariationDetail(key, c,
                defaultValue == null ? 0 : defaultValue));
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return evaluate(key, defaultValue, ctx, c -> {
            EvaluationDetail<JsonNode> d = client.jsonVariationDetail(key, c, null);
            Value value = d.isError() || d.value() == null ? defaultValue : ResultMapper.toValue(d.value());
            return new EvaluationDetail<>(value, d.variationIndex(), d.variationName(), d.reason(),
                    d.snapshotVersion());
        });
    }

    /**
     * Never refuses a context up front: a context that cannot be mapped is passed on as null, so that a missing flag,
     * a wrong type or a disabled flag is still reported as such, and only an evaluation that needs the context gets
     * {@code INVALID_CONTEXT} (with the mapping problem as its message).
     */
    private <T> ProviderEvaluation<T> evaluate(String flagKey, T defaultValue, EvaluationContext ctx,
                                               Function<Context, EvaluationDetail<T>> evaluation) {
        Context context = null;
        String contextProblem = null;
        try {
            context = ContextMapper.toContext(ctx);
        } catch (ContextMapper.UnusableContextException e) {
            contextProblem = e.getMessage();
        }
        return ResultMapper.toEvaluation(flagKey, evaluation.apply(context), defaultValue, contextProblem);
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

        /** Builds the provider; register it with {@code OpenFeatureAPI.setProviderAndWait}. */
        public VexilProvider build() {
            return new VexilProvider(this);
        }
    }
}
