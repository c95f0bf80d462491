package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.sdk.push.PushChannel;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.eval.EvaluationResult;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>The parts: {@link Builder} collects a {@link ClientConfig}; the {@link EnvironmentStore} owns what is served;
 * the {@link Poller} (or, offline, the {@link FallbackLoader} alone) feeds it and reports to a {@link SourceStatus};
 * the {@link StalenessTimer} re-checks staleness; the {@link ListenerDispatcher} delivers events. This class wires
 * them and answers the public API.
 */
public final class VexilClient implements AutoCloseable {
    private final EnvironmentStore store;
    /** What evaluations read: one volatile load. The store sets it (inside its lock) on every swap. */
    private volatile EnvironmentHolder current;
    private final DetailEvaluator details = new DetailEvaluator();
    private final ListenerDispatcher listeners = new ListenerDispatcher();
    private final Poller poller; // null when offline
    private final PushChannel push; // null when push is off
    private final PushSync pushSync; // null when push is off
    private final SourceStatus source;
    private final StalenessTimer stalenessTimer;
    private final Clock clock;
    private final MetricsReporter metrics; // null when metrics are off or the client is offline
    private volatile boolean closed;

    private VexilClient(ClientConfig config) {
        this.clock = config.clock();
        CounterRegistry counters = new CounterRegistry(config.metrics().interval());
        this.metrics = config.metricsReporter(counters);
        this.store = new EnvironmentStore(clock, listeners::publish, holder -> current = holder,
                metrics == null ? environment -> EvaluationCounters.DISABLED : counters::countersFor);
        SnapshotReader reader = config.reader();
        SnapshotCache cache = config.cache(reader);
        FallbackLoader fallback = new FallbackLoader(cache, config.bootstrap(), store, config.offline(), reader);
        if (config.offline()) {
            this.poller = null;
            this.source = new SourceStatus(clock);
            fallback.serve(source);
            if (current == null) {
                source.giveUp();
            }
        } else {
            this.poller = new Poller(config.edgeClient(), reader, store, cache, config.backoff(),
                    config.pollInterval(), clock, fallback);
            this.source = poller.status();
            poller.start();
        }
        PushSync sync = poller == null ? null : new PushSync(store, poller);
        this.push = sync == null ? null : config.pushChannel(sync);
        this.pushSync = push == null ? null : sync;
        if (push != null) {
            push.start();
        }
        this.stalenessTimer = new StalenessTimer(store, config.stalenessCheckInterval());
    }

    /**
     * Starts a builder. {@code edgeBaseUrl} is the edge's base URL (e.g. the CloudFront domain, or
     * {@code http://localhost:8701} in local mode); {@code sdkKey} is the environment's SDK key.
     *
     * @throws NullPointerException     if either is null
     * @throws IllegalArgumentException if {@code edgeBaseUrl} is not an http(s) URL ({@link Builder#build()} also
     *                                  refuses {@code http://} to a host other than loopback, unless
     *                                  {@link Builder#allowInsecureHttp(boolean)} is set)
     */
    public static Builder builder(URI edgeBaseUrl, String sdkKey) {
        return new Builder(edgeBaseUrl, sdkKey);
    }

    // ---------------------------------------------------------------- evaluation (hot path)

    /**
     * A boolean flag's value for {@code context}, or {@code defaultValue} when there is none (no snapshot yet, an
     * unknown flag, a value of another type, an error). Never throws, never blocks.
     */
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

    /** A string flag's value for {@code context}, or {@code defaultValue} (see {@link #boolVariation}). */
    public String stringVariation(String flagKey, Context context, String defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return v != null && v.isTextual() ? v.textValue() : defaultValue;
    }

    /** A number flag's value for {@code context}, or {@code defaultValue} (see {@link #boolVariation}). */
    public double doubleVariation(String flagKey, Context context, double defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return v != null && v.isNumber() ? v.doubleValue() : defaultValue;
    }

    /**
     * A number flag's value truncated toward zero, or {@code defaultValue} (see {@link #boolVariation}); a value
     * outside the int range is a type mismatch.
     */
    public int intVariation(String flagKey, Context context, int defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return RequestedType.isInt(v) ? v.intValue() : defaultValue;
    }

    /**
     * Any flag's value as JSON, or {@code defaultValue} (see {@link #boolVariation}). Objects and arrays are copies:
     * changing them does not change the flag.
     */
    public JsonNode jsonVariation(String flagKey, Context context, JsonNode defaultValue) {
        JsonNode v = servedValue(flagKey, context);
        return v != null ? v.deepCopy() : defaultValue;
    }

    /**
     * The served value, or null when the caller's default applies: one volatile read, then the evaluator, which
     * never throws (it turns any exception into an {@code EXCEPTION} result) and answers a null key or context with
     * an error result, whose value is null. The flag is looked up once, by index, so that counting the result
     * (evaluation metrics) costs one array index and one add. Kept tiny so that the JIT inlines it into every call
     * site.
     */
    private JsonNode servedValue(String flagKey, Context context) {
        EnvironmentHolder h = current;
        if (h == null) {
            return null;
        }
        int flag = h.environment.flagIndex(flagKey);
        EvaluationResult result = h.environment.evaluateAt(flag, context);
        h.counters.count(flag, result);
        return result.value();
    }

    // ---------------------------------------------------------------- evaluation with details

    /**
     * Like {@link #boolVariation}, and says why: the variation served, the reason, the snapshot version, and for an
     * error its kind and a message naming the flag (also in OpenFeature's words, see {@link EvaluationDetail}).
     */
    public EvaluationDetail<Boolean> boolVariationDetail(String flagKey, Context context, boolean defaultValue) {
        return details.detail(current, flagKey, context, defaultValue, RequestedType.BOOLEAN);
    }

    /** Like {@link #stringVariation}, and says why (see {@link #boolVariationDetail}). */
    public EvaluationDetail<String> stringVariationDetail(String flagKey, Context context, String defaultValue) {
        return details.detail(current, flagKey, context, defaultValue, RequestedType.STRING);
    }

    /** Like {@link #doubleVariation}, and says why (see {@link #boolVariationDetail}). */
    public EvaluationDetail<Double> doubleVariationDetail(String flagKey, Context context, double defaultValue) {
        return details.detail(current, flagKey, context, defaultValue, RequestedType.DOUBLE);
    }

    /** Like {@link #intVariation}, and says why (see {@link #boolVariationDetail}). */
    public EvaluationDetail<Integer> intVariationDetail(String flagKey, Context context, int defaultValue) {
        return details.detail(current, flagKey, context, defaultValue, RequestedType.INT);
    }

    /** Like {@link #jsonVariation}, and says why (see {@link #boolVariationDetail}). */
    public EvaluationDetail<JsonNode> jsonVariationDetail(String flagKey, Context context, JsonNode defaultValue) {
        return details.detail(current, flagKey, context, defaultValue, RequestedType.JSON);
    }

    /**
     * Every flag's value for this context, keyed by flag key (sorted), from one snapshot. Flags that evaluate to an
     * error or to no value (off without an off variation) are left out; empty before the first snapshot.
     */
    public Map<String, JsonNode> allFlags(Context context) {
        return details.allFlags(current, context);
    }

    // ---------------------------------------------------------------- lifecycle, listeners, status

    /**
     * Waits until a snapshot (from the edge, the cache or the bootstrap file) is loaded. Returns true if one is,
     * false on timeout, or at once if none can arrive any more (offline with nothing on disk, or closed) or the edge
     * refused the SDK key (the client keeps retrying it, but only every 5 minutes).
     */
    public boolean waitForInitialization(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (current == null && !source.gaveUp() && !source.keyRefused() && !closed) {
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

    /**
     * Calls {@code listener} on the listener thread each time {@code flagKey}'s results may have changed: its
     * configuration, a segment or prerequisite it uses, the kill list or staleness. Events before registration are
     * not replayed.
     *
     * @return cancels the registration
     */
    public Subscription onChange(String flagKey, FlagChangeListener listener) {
        return listeners.addFlagListener(Objects.requireNonNull(flagKey, "flagKey"),
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Calls {@code listener} on the listener thread each time the served data changes. Events before registration
     * are not replayed.
     *
     * @return cancels the registration
     */
    public Subscription onSnapshot(SnapshotListener listener) {
        return listeners.addSnapshotListener(Objects.requireNonNull(listener, "listener"));
    }

    /** A point-in-time view of the client's health: what it serves, from where, how old, and the last problem. */
    public ClientStatus status() {
        return ClientStatus.of(current, store.confirmedAt(), clock.instant(), source, closed,
                push != null && push.connected());
    }

    /** Stops polling and the background threads. Evaluations keep answering from the last snapshot. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (push != null) {
            push.close();
        }
        if (poller != null) {
            poller.close();
        }
        stalenessTimer.close();
        listeners.close();
        if (metrics != null) {
            metrics.close(); // sends the last window's counts
        }
    }

    // ---------------------------------------------------------------- for tests

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

    /** Deltas applied and refused so far (push on), for tests and benchmarks. */
    long[] deltaCounts() {
        PushTarget target = poller.pushTarget();
        return new long[] {target.deltasApplied(), target.deltasRefused()};
    }

    /** Notifications ignored because their version was already held (push on). */
    long ignoredNotifications() {
        return pushSync.ignoredNotifications();
    }

    /** Subscriptions made so far: more than one means the channel reconnected (push on). */
    long pushConnections() {
        return push.connections();
    }

    /** Sends the evaluation counts now and waits (metrics must be on). */
    void flushMetrics(Duration timeout) throws Exception {
        metrics.flush(timeout);
    }

    /** Configures a {@link VexilClient}: the edge and key, then optional settings; {@link #build()} starts it. */
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
        private Duration keyRefusedRetry = Backoff.DEFAULT_KEY_REFUSED_RETRY;
        private Duration stalenessCheckInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private final List<PublicKey> trustedKeys = new ArrayList<>();
        private boolean allowInsecureHttp;
        private int maxBodyBytes = EdgeClient.DEFAULT_MAX_BODY_BYTES;
        // Evaluation metrics (docs/insights.md):
        private boolean metricsEnabled = true;
        private Duration metricsInterval = MetricsConfig.DEFAULT_INTERVAL;
        private int metricsMaxEntries = MetricsConfig.DEFAULT_MAX_ENTRIES;
        // Push (docs/push.md):
        private URI realtimeUrl;
        private boolean push = true;
        private Duration pushReconnectBase = PushConfig.DEFAULT_RECONNECT_BASE;
        private Duration pushReconnectCap = PushConfig.DEFAULT_RECONNECT_CAP;

        private Builder(URI edgeBaseUrl, String sdkKey) {
            this.edgeBaseUrl = Objects.requireNonNull(edgeBaseUrl, "edgeBaseUrl");
            this.sdkKey = Objects.requireNonNull(sdkKey, "sdkKey");
            String scheme = edgeBaseUrl.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("edgeBaseUrl must be an http(s) URL, got " + edgeBaseUrl);
            }
        }

        /**
         * How often to poll the edge (default 30 s); each wait carries ±10% jitter.
         *
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder pollInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** Where to keep the last-known-good copy (default: none; created if absent). */
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

        /**
         * Trusts snapshots signed with this public key (a PEM {@code PUBLIC KEY} block: local mode's
         * {@code signing-key.pub.pem}, or the stack's {@code SnapshotSigningPublicKey} output). Call it once per
         * key; trust two while a key is rotated. With any key trusted, a snapshot that is unsigned or not signed by
         * one of them is refused (from the edge, the cache and the bootstrap file alike) and the client keeps
         * what it serves. Default: no key, signatures are not checked.
         *
         * @throws IllegalArgumentException if it is not a PEM public key on P-256
         */
        public Builder trustedKey(String pemPublicKey) {
            trustedKeys.add(SigningKeys.parsePublicKey(pemPublicKey));
            return this;
        }

        /** Trusts each of these PEM public keys, see {@link #trustedKey(String)}. */
        public Builder trustedKeys(Collection<String> pemPublicKeys) {
            pemPublicKeys.forEach(this::trustedKey);
            return this;
        }

        /**
         * Allows {@code http://} edge URLs to hosts other than loopback (default false: the SDK key and the
         * snapshots would travel in clear text). Loopback ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}) is
         * always allowed, for local mode.
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** The largest response body read from the edge (tests shorten it). */
        Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Whether to count evaluations and send the counts to the edge (default true; an offline client never
         * sends). Only counts are sent: never a context key or attribute (see the README, "Evaluation metrics").
         */
        public Builder metrics(boolean enabled) {
            this.metricsEnabled = enabled;
            return this;
        }

        /**
         * How often to send the evaluation counts (default 60 s); they are also sent at {@link VexilClient#close()}.
         *
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder metricsInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("metricsInterval must be positive, got " + interval);
            }
            this.metricsInterval = interval;
            return this;
        }

        /**
         * The push channel's WebSocket URL (default: none, polling only): on AWS the stack's
         * {@code PushRealtimeUrl} output ({@code wss://<id>.appsync-realtime-api.<region>.amazonaws.com/event/realtime}),
         * locally {@code ws://localhost:8702/event/realtime}. With it, changes arrive within about a second, and
         * polling goes on as the safety net (see the README, "Push"). {@code ws://} is allowed only to loopback
         * unless {@link #allowInsecureHttp(boolean)} is set.
         *
         * @throws IllegalArgumentException if it is not a ws(s) URL
         */
        public Builder realtimeUrl(URI url) {
            String scheme = url == null ? null : url.getScheme();
            if (!"wss".equalsIgnoreCase(scheme) && !"ws".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("realtimeUrl must be a ws(s) URL, got " + url);
            }
            this.realtimeUrl = url;
            return this;
        }

        /** Whether to use the push channel when a {@link #realtimeUrl(URI)} is set (default true). */
        public Builder push(boolean enabled) {
            this.push = enabled;
            return this;
        }

        /** The push channel's reconnect backoff (tests shorten it). */
        Builder pushReconnect(Duration base, Duration cap) {
            this.pushReconnectBase = base;
            this.pushReconnectCap = cap;
            return this;
        }

        Builder metricsMaxEntries(int maxEntries) {
            this.metricsMaxEntries = maxEntries;
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

        /** The shortest wait after a 401 or 403 (default 5 minutes; tests shorten it). */
        Builder keyRefusedRetry(Duration interval) {
            this.keyRefusedRetry = interval;
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

        /**
         * Builds the client and, unless offline, starts polling at once (the first request is made right away).
         *
         * @throws IllegalArgumentException if the SDK key is blank and the client is not offline, or the edge URL
         *                                  is {@code http://} to a host other than loopback without
         *                                  {@link #allowInsecureHttp(boolean)}
         */
        public VexilClient build() {
            if (!offline && sdkKey.isBlank()) {
                throw new IllegalArgumentException("sdkKey must not be blank");
            }
            if (!offline && !allowInsecureHttp && "http".equalsIgnoreCase(edgeBaseUrl.getScheme())
                    && !isLoopback(edgeBaseUrl.getHost())) {
                throw new IllegalArgumentException("refusing the edge URL " + edgeBaseUrl + ": http:// would send "
                        + "the SDK key in clear text; use https://, or allowInsecureHttp(true) on a trusted network");
            }
            if (!offline && push && realtimeUrl != null && !allowInsecureHttp
                    && "ws".equalsIgnoreCase(realtimeUrl.getScheme()) && !isLoopback(realtimeUrl.getHost())) {
                throw new IllegalArgumentException("refusing the realtime URL " + realtimeUrl + ": ws:// would send "
                        + "the SDK key in clear text; use wss://, or allowInsecureHttp(true) on a trusted network");
            }
            return new VexilClient(new ClientConfig(edgeBaseUrl, sdkKey, pollInterval, cacheDirectory, bootstrap,
                    offline, connectTimeout, requestTimeout, backoffBase, backoffCap, backoffFloor, keyRefusedRetry,
                    stalenessCheckInterval, clock, trustedKeys, maxBodyBytes,
                    new MetricsConfig(metricsEnabled, metricsInterval, metricsMaxEntries),
                    new PushConfig(realtimeUrl, push, pushReconnectBase, pushReconnectCap)));
        }

        /** Loopback by name or literal address only: nothing is resolved, so DNS cannot make a host "local". */
        private static boolean isLoopback(String host) {
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(java.util.Locale.ROOT);
            return h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
                    || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        }
    }
}
