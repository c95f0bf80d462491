package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.EvaluationResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Vexil SDK client: polls one environment's snapshot from the edge, keeps a last-known-good copy, and evaluates
 * flags in memory. Build one per environment and share it; it is thread-safe. Close it on shutdown.
 *
 * <pre>{@code
 * try (VexilClient client = VexilClient.builder(URI.create("https://flags.example.com"), sdkKey).build()) {
 *     client.waitForInitialization(Duration.ofSeconds(5));
 *     Context user = Context.builder("user-123").set("plan", "pro").build();
 *     boolean on = client.boolVariation("new-checkout", user, false);
 * }
 * }</pre>
 *
 * <p>Contexts are {@link dev.vexil.eval.Context} from the shared evaluator ({@code Context.builder(key).set(...)
 * .build()}, {@code Context.multi(...)}, or {@code Context.keyless()} for a caller with no subject); build one per
 * request and reuse it for every flag.
 *
 * <p>Evaluations never throw and never block: they read one volatile reference to the current compiled snapshot and
 * evaluate it. Errors are values: an unknown flag, a value of another type, no data yet or an unusable context give
 * the caller's default, and the {@code ...Detail} twins say why ({@code ERROR} with {@link ErrorKind#NOT_READY},
 * {@link ErrorKind#FLAG_NOT_FOUND}, {@link ErrorKind#WRONG_TYPE}, {@link ErrorKind#INVALID_CONTEXT},
 * {@link ErrorKind#TARGETING_KEY_MISSING}, {@link ErrorKind#MALFORMED_FLAG} or {@link ErrorKind#EXCEPTION}, checked
 * in that order, with a note naming the flag). A typed variation checks the type of the value served, so a
 * {@code json} flag serving a string may be read with {@link #stringVariation}.
 */
public final class VexilClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VexilClient.class.getName());
    private static final long NO_VERSION = -1;

    private final EnvironmentStore store;
    /** What evaluations read: one volatile load. The store sets it (inside its lock) on every swap. */
    private volatile EnvironmentHolder current;
    private final ListenerDispatcher listeners;
    private final Poller poller; // null when offline
    private final ScheduledExecutorService stalenessTimer;
    private final Clock clock;
    private final boolean offline;
    private final EvaluationFailures failures = new EvaluationFailures();
    private volatile boolean closed;
    private volatile boolean gaveUp; // nothing can arrive any more: waitForInitialization returns at once
    private volatile String offlineProblem; // offline only (the poller keeps its own)
    private volatile Instant offlineProblemAt;

    private VexilClient(Builder b) {
        this.clock = b.clock;
        this.offline = b.offline;
        this.listeners = new ListenerDispatcher();
        this.store = new EnvironmentStore(clock, listeners::publish, holder -> current = holder);
        SnapshotCache cache = b.cacheDirectory == null ? null : new SnapshotCache(b.cacheDirectory, b.edgeBaseUrl,
                b.sdkKey);
        this.stalenessTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vexil-staleness");
            t.setDaemon(true);
            return t;
        });
        if (offline) {
            this.poller = null;
            loadFallback(cache, b.bootstrap, null);
            gaveUp = current == null;
        } else {
            EdgeClient edge = new EdgeClient(b.edgeBaseUrl, b.sdkKey, b.connectTimeout, b.requestTimeout, clock);
            Backoff backoff = new Backoff(b.backoffBase, b.backoffCap, b.backoffFloor, new SplittableRandom());
            Poller[] self = new Poller[1];
            this.poller = new Poller(edge, store, cache, backoff, b.pollInterval, clock,
                    () -> loadFallback(cache, b.bootstrap, self[0]));
            self[0] = poller;
            poller.start();
        }
        long period = b.stalenessCheckInterval.toNanos();
        stalenessTimer.scheduleWithFixedDelay(this::refreshStaleness, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * Starts a builder. {@code edgeBaseUrl} is the edge's base URL (e.g. the CloudFront domain, or
     * {@code http://localhost:8701} in local mode); {@code sdkKey} is the environment's SDK key.
     */
    public static Builder builder(URI edgeBaseUrl, String sdkKey) {
        return new Builder(edgeBaseUrl, sdkKey);
    }

    // ---------------------------------------------------------------- evaluation (hot path)

    public boolean boolVariation(String flagKey, Context context, boolean defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        // Parsed booleans are Jackson's two shared nodes: identity checks save virtual calls on the hot path.
        if (v == BooleanNode.TRUE) {
            return true;
        }
        if (v == BooleanNode.FALSE) {
            return false;
        }
        return v != null && v.isBoolean() ? v.booleanValue() : defaultValue;
    }

    public String stringVariation(String flagKey, Context context, String defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return v != null && v.isTextual() ? v.textValue() : defaultValue;
    }

    public double doubleVariation(String flagKey, Context context, double defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return v != null && v.isNumber() ? v.doubleValue() : defaultValue;
    }

    /** A number flag's value truncated toward zero; a value outside the int range is a type mismatch. */
    public int intVariation(String flagKey, Context context, int defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return RequestedType.isInt(v) ? v.intValue() : defaultValue;
    }

    /** Any flag's value as JSON. Objects and arrays are copies: changing them does not change the flag. */
    public JsonNode jsonVariation(String flagKey, Context context, JsonNode defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return v != null ? v.deepCopy() : defaultValue;
    }

    /**
     * The served value, or null when the caller's default applies: one volatile read, then the evaluator, which
     * never throws (it turns any exception into an {@code EXCEPTION} result) and answers a null key or context with
     * an error result, whose value is null. Kept tiny so that the JIT inlines it into every call site.
     */
    private JsonNode servedValue(String flagKey, Context context) {
        EnvironmentHolder h = current;
        return h == null ? null : h.environment.evaluate(flagKey, context).value();
    }

    // ---------------------------------------------------------------- evaluation with details

    public EvaluationDetail<Boolean> boolVariationDetail(String flagKey, Context context, boolean defaultValue) {
        return detail(flagKey, context, defaultValue, RequestedType.BOOLEAN);
    }

    public EvaluationDetail<String> stringVariationDetail(String flagKey, Context context, String defaultValue) {
        return detail(flagKey, context, defaultValue, RequestedType.STRING);
    }

    public EvaluationDetail<Double> doubleVariationDetail(String flagKey, Context context, double defaultValue) {
        return detail(flagKey, context, defaultValue, RequestedType.DOUBLE);
    }

    public EvaluationDetail<Integer> intVariationDetail(String flagKey, Context context, int defaultValue) {
        return detail(flagKey, context, defaultValue, RequestedType.INT);
    }

    public EvaluationDetail<JsonNode> jsonVariationDetail(String flagKey, Context context, JsonNode defaultValue) {
        return detail(flagKey, context, defaultValue, RequestedType.JSON);
    }

    /**
     * The checks run in OpenFeature's order, so that no problem hides an earlier one: no snapshot, then an unknown
     * flag, then a flag type that cannot serve the requested type, then the evaluation itself (where an off flag is
     * served before the context is looked at). Every error note names the flag.
     */
    private <T> EvaluationDetail<T> detail(String flagKey, Context context, T defaultValue, RequestedType<T> type) {
        EnvironmentHolder h = current;
        if (h == null) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.notReady(flagKey), NO_VERSION);
        }
        if (flagKey == null || !h.environment.hasFlag(flagKey)) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.flagNotFound(flagKey, h.version),
                    h.version);
        }
        if (!type.canBeServedBy(h.environment.flagType(flagKey))) {
            return new EvaluationDetail<>(defaultValue, -1, null,
                    ErrorReasons.declaredTypeMismatch(flagKey, h.environment.flagType(flagKey), type), h.version);
        }
        EvaluationResult r = evaluateResult(h, flagKey, context);
        if (r.isError()) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.naming(flagKey, r.reason()),
                    r.snapshotVersion());
        }
        JsonNode v = r.value();
        if (v == null) {
            return new EvaluationDetail<>(defaultValue, -1, null, r.reason(), r.snapshotVersion());
        }
        if (!type.accepts(v)) {
            return new EvaluationDetail<>(defaultValue, -1, null, ErrorReasons.servedTypeMismatch(flagKey, v, type),
                    r.snapshotVersion());
        }
        return new EvaluationDetail<>(type.read(v), r.variationIndex(),
                h.variationName(flagKey, r.variationIndex()), r.reason(), r.snapshotVersion());
    }

    private EvaluationResult evaluateResult(EnvironmentHolder h, String flagKey, Context context) {
        try {
            return h.environment.evaluate(flagKey, context);
        } catch (RuntimeException | StackOverflowError e) {
            failures.record(flagKey, e);
            return EvaluationResult.error(ErrorKind.EXCEPTION, String.valueOf(e), h.version);
        }
    }

    /**
     * Every flag's value for this context, keyed by flag key (sorted), from one snapshot. Flags that evaluate to an
     * error or to no value (off without an off variation) are left out; empty before the first snapshot.
     */
    public Map<String, JsonNode> allFlags(Context context) {
        EnvironmentHolder h = current;
        if (h == null || context == null) {
            return Map.of();
        }
        Map<String, JsonNode> values = new TreeMap<>();
        for (String key : h.environment.flagKeys()) {
            EvaluationResult r = evaluateResult(h, key, context);
            if (!r.isError() && r.value() != null) {
                values.put(key, r.value().deepCopy());
            }
        }
        return Collections.unmodifiableMap(values);
    }

    // ---------------------------------------------------------------- lifecycle, listeners, status

    /**
     * Waits until a snapshot (from the edge, the cache or the bootstrap file) is loaded. Returns true if one is,
     * false on timeout, or at once if none can arrive any more (offline with nothing on disk, or the key refused
     * with nothing on disk, or closed).
     */
    public boolean waitForInitialization(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (current == null && !gaveUp && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                store.awaitInitialized(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return current != null;
    }

    /** Calls {@code listener} on the listener thread each time {@code flagKey}'s results may have changed. */
    public Subscription onChange(String flagKey, FlagChangeListener listener) {
        return listeners.addFlagListener(Objects.requireNonNull(flagKey, "flagKey"),
                Objects.requireNonNull(listener, "listener"));
    }

    /** Calls {@code listener} on the listener thread each time the served data changes. */
    public Subscription onSnapshot(SnapshotListener listener) {
        return listeners.addSnapshotListener(Objects.requireNonNull(listener, "listener"));
    }

    public ClientStatus status() {
        EnvironmentHolder h = current;
        Instant confirmedAt = store.confirmedAt();
        Instant now = clock.instant();
        return new ClientStatus(
                h != null,
                h == null ? DataSource.NONE : h.source,
                h == null ? NO_VERSION : h.version,
                h == null ? null : confirmedAt,
                h == null || confirmedAt == null ? null : Duration.between(confirmedAt, now),
                poller == null ? offlineProblem : poller.lastError(),
                poller == null ? offlineProblemAt : poller.lastErrorAt(),
                poller == null ? 0 : poller.consecutiveFailures(),
                poller != null && poller.keyRefused(),
                poller != null && poller.running() && !closed,
                h == null ? Set.of() : h.killed,
                h == null ? Set.of() : h.stale);
    }

    /** Stops polling and the background threads. Evaluations keep answering from the last snapshot. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (poller != null) {
            poller.close();
        }
        stalenessTimer.shutdownNow();
        listeners.close();
    }

    // ---------------------------------------------------------------- internals

    /** Waits until the listener thread has delivered every event queued so far. */
    void awaitListenersIdle(Duration timeout) throws InterruptedException {
        synchronized (store) {
            // Events are queued inside the store's lock: once we hold it, every swap seen so far has queued its event.
        }
        listeners.awaitIdle(timeout);
    }

    EnvironmentStore store() {
        return store;
    }

    /** Start-up fallback: the last-known-good cache, else the bootstrap file. */
    private void loadFallback(SnapshotCache cache, Path bootstrap, Poller onPoller) {
        Optional<LoadedData> loaded = cache == null ? Optional.empty() : cache.load();
        if (loaded.isEmpty() && bootstrap != null) {
            loaded = BootstrapFile.load(bootstrap);
            if (loaded.isEmpty()) {
                problem(onPoller, "the bootstrap file " + bootstrap + " is missing or invalid");
            }
        }
        if (loaded.isPresent()) {
            LoadedData data = loaded.get();
            if (store.loadFallback(data)) {
                if (onPoller != null) {
                    onPoller.seedEtags(data.snapshotEtag(), data.killListEtag());
                }
                LOG.log(System.Logger.Level.WARNING, "Vexil: serving snapshot version " + data.snapshot().version()
                        + " from the " + data.source().name().toLowerCase()
                        + (offline ? " (offline mode)" : " because the edge could not be used"));
            }
        } else if (onPoller != null && onPoller.keyRefused()) {
            gaveUp = true;
        }
    }

    private void problem(Poller onPoller, String problem) {
        if (onPoller != null) {
            onPoller.recordProblem(problem);
        } else {
            offlineProblem = problem;
            offlineProblemAt = clock.instant();
        }
    }

    private void refreshStaleness() {
        try {
            store.refreshStaleness();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Vexil: staleness check failed", e);
        }
    }

    /** Configures a {@link VexilClient}. */
    public static final class Builder {
        private final URI edgeBaseUrl;
        private final String sdkKey;
        private Duration pollInterval = Duration.ofSeconds(30);
        private Path cacheDirectory;
        private Path bootstrap;
        private boolean offline;
        // Package-private knobs (tests, tuning):
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration backoffBase = Backoff.DEFAULT_BASE;
        private Duration backoffCap = Backoff.DEFAULT_CAP;
        private Duration backoffFloor = Backoff.DEFAULT_FLOOR;
        private Duration stalenessCheckInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();

        private Builder(URI edgeBaseUrl, String sdkKey) {
            this.edgeBaseUrl = Objects.requireNonNull(edgeBaseUrl, "edgeBaseUrl");
            this.sdkKey = Objects.requireNonNull(sdkKey, "sdkKey");
            String scheme = edgeBaseUrl.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("edgeBaseUrl must be an http(s) URL, got " + edgeBaseUrl);
            }
        }

        /** How often to poll the edge (default 30 s); each wait carries ±10% jitter. */
        public Builder pollInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** Where to keep the last-known-good copy (default: none). */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /** A snapshot file to serve when neither the edge nor the cache can be used (default: none). */
        public Builder bootstrap(Path file) {
            this.bootstrap = file;
            return this;
        }

        /** No network at all: serve the cache, else the bootstrap file (default false). */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        Builder backoff(Duration base, Duration cap, Duration floor) {
            this.backoffBase = base;
            this.backoffCap = cap;
            this.backoffFloor = floor;
            return this;
        }

        Builder stalenessCheckInterval(Duration interval) {
            this.stalenessCheckInterval = interval;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Builds the client and, unless offline, starts polling at once (the first request is made right away). */
        public VexilClient build() {
            if (!offline && sdkKey.isBlank()) {
                throw new IllegalArgumentException("sdkKey must not be blank");
            }
            return new VexilClient(this);
        }
    }
}
