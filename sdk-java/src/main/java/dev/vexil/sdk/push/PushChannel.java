package dev.vexil.sdk.push;

import dev.vexil.wire.ChangeNotification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Keeps one subscription to the environment's push channel open (docs/push.md): connect with the SDK key,
 * {@code connection_init}, wait for {@code connection_ack}, subscribe, then hand each {@code data} event to the
 * {@link Listener} as a {@link ChangeNotification}. When the connection fails, closes, is refused, or sends no
 * {@code ka} within the server's {@code connectionTimeoutMs}, it reconnects after a full-jitter backoff (uniform in
 * [0, min(cap, base × 2^attempt)]). Frames it cannot read (not JSON, unknown types, malformed notifications, over
 * {@link #MAX_FRAME_CHARS}) are ignored and logged at a rate-limited level; they never close the channel.
 *
 * <p>All state changes run on one daemon thread, {@code vexil-push}; the listener is called from it.
 */
public final class PushChannel implements AutoCloseable {
    /** Frames longer than this are not ours (a notification is under 1 KB): ignored, never buffered further. */
    public static final int MAX_FRAME_CHARS = 16 * 1024;
    private static final System.Logger LOG = System.getLogger(PushChannel.class.getName());
    private static final Duration WAIT_FOR_CHANNEL = Duration.ofSeconds(1);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** What the channel reports. Called on the {@code vexil-push} thread; must not block for long. */
    public interface Listener {
        /** Subscribed (after every connect): notifications are not replayed, so the client should fetch now. */
        void connected();

        /** A notification arrived. */
        void notified(ChangeNotification notification);
    }

    private final URI realtimeUrl;
    private final String sdkKey;
    private final Supplier<String> channel;
    private final Listener listener;
    private final Duration backoffBase;
    private final Duration backoffCap;
    private final Duration connectTimeout;
    private final RateLimitedLog badFrames = new RateLimitedLog();
    private final HttpClient http;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vexil-push");
        t.setDaemon(true);
        return t;
    });

    // vexil-push thread only, except where volatile:
    private volatile boolean closed;
    private volatile boolean subscribed;
    private volatile long connections;
    private int failures;
    private long generation;
    private WebSocket socket;
    private String subscriptionId;
    private long keepAliveTimeoutNanos;
    private long lastHeardNanos;

    /**
     * @param channel the channel to subscribe to, or null while unknown (the client learns its environment from its
     *                first snapshot); asked again before every connect
     */
    public PushChannel(URI realtimeUrl, String sdkKey, Supplier<String> channel, Listener listener,
                       Duration backoffBase, Duration backoffCap, Duration connectTimeout) {
        this.realtimeUrl = realtimeUrl;
        this.sdkKey = sdkKey;
        this.channel = channel;
        this.listener = listener;
        this.backoffBase = backoffBase;
        this.backoffCap = backoffCap;
        this.connectTimeout = connectTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    public void start() {
        run(this::connect);
        thread.scheduleWithFixedDelay(this::checkKeepAlive, 1, 1, TimeUnit.SECONDS);
    }

    /** Subscribed right now. */
    public boolean connected() {
        return subscribed && !closed;
    }

    /** How many times a subscription succeeded (tests: a reconnect happened). */
    public long connections() {
        return connections;
    }

    private void connect() {
        if (closed) {
            return;
        }
        String target = channel.get();
        if (target == null) {
            thread.schedule(() -> run(this::connect), WAIT_FOR_CHANNEL.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        long attempt = ++generation;
        Handler handler = new Handler(attempt, target);
        http.newWebSocketBuilder()
                .connectTimeout(connectTimeout)
                .subprotocols(EventsProtocol.SUBPROTOCOL, EventsProtocol.headerSubprotocol(realtimeUrl, sdkKey))
                .buildAsync(realtimeUrl, handler)
                .whenComplete((ws, error) -> run(() -> {
                    if (attempt != generation) {
                        if (ws != null) {
                            ws.abort();
                        }
                        return;
                    }
                    if (error != null) {
                        lost("cannot connect: " + error.getMessage());
                        return;
                    }
                    socket = ws;
                    lastHeardNanos = System.nanoTime();
                    keepAliveTimeoutNanos = HANDSHAKE_TIMEOUT.toNanos();
                    ws.sendText(EventsProtocol.connectionInit(), true);
                }));
    }

    /** One connection's callbacks; those of a connection already given up ({@code generation} moved on) are dropped. */
    private final class Handler implements WebSocket.Listener {
        private final long attempt;
        private final String target;
        private final StringBuilder frame = new StringBuilder();
        private boolean oversized;

        Handler(long attempt, String target) {
            this.attempt = attempt;
            this.target = target;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!oversized && frame.length() + data.length() > MAX_FRAME_CHARS) {
                oversized = true;
                frame.setLength(0);
            } else if (!oversized) {
                frame.append(data);
            }
            if (last) {
                String text = frame.toString();
                boolean drop = oversized;
                frame.setLength(0);
                oversized = false;
                run(() -> {
                    if (attempt == generation) {
                        if (drop) {
                            badFrames.warn("Vexil: ignored a push frame over " + MAX_FRAME_CHARS + " characters");
                        } else {
                            received(text, target);
                        }
                    }
                });
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
                badFrames.warn("Vexil: ignored a binary push frame");
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            run(() -> {
                if (attempt == generation) {
                    lost("closed by the server (" + statusCode + (reason.isEmpty() ? "" : ", " + reason) + ")");
                }
            });
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            run(() -> {
                if (attempt == generation) {
                    lost("connection failed: " + error);
                }
            });
        }
    }

    private void received(String text, String target) {
        lastHeardNanos = System.nanoTime();
        EventsProtocol.Message message;
        try {
            message = EventsProtocol.parse(text);
        } catch (IllegalArgumentException e) {
            badFrames.warn("Vexil: ignored a push frame: " + e.getMessage());
            return;
        }
        switch (message.type()) {
            case "connection_ack" -> {
                long timeout = message.connectionTimeoutMs() > 0 ? message.connectionTimeoutMs() : 300_000;
                keepAliveTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
                subscriptionId = UUID.randomUUID().toString();
                socket.sendText(EventsProtocol.subscribe(subscriptionId, target, realtimeUrl, sdkKey), true);
            }
            case "ka" -> {
                // lastHeardNanos is updated above
            }
            case "subscribe_success" -> {
                if (subscriptionId != null && subscriptionId.equals(message.id())) {
                    subscribed = true;
                    failures = 0;
                    connections++;
                    LOG.log(System.Logger.Level.DEBUG, "Vexil: push channel subscribed");
                    listener.connected();
                }
            }
            case "data" -> {
                if (!subscribed || subscriptionId == null || !subscriptionId.equals(message.id())) {
                    badFrames.warn("Vexil: ignored a push event for an unknown subscription");
                    return;
                }
                try {
                    listener.notified(ChangeNotification.parse(message.event()));
                } catch (IllegalArgumentException e) {
                    badFrames.warn("Vexil: ignored a malformed push notification: " + e.getMessage());
                }
            }
            case "subscribe_error", "connection_error" -> lost("refused: " + message.type() + " " + message.error());
            case "error" -> badFrames.warn("Vexil: the push channel reported an error: " + message.error());
            default -> badFrames.warn("Vexil: ignored a push message of unknown type '" + message.type() + "'");
        }
    }

    private void checkKeepAlive() {
        run(() -> {
            if (socket != null && System.nanoTime() - lastHeardNanos > keepAliveTimeoutNanos) {
                lost("no keep-alive within " + TimeUnit.NANOSECONDS.toMillis(keepAliveTimeoutNanos) + " ms");
            }
        });
    }

    /** Gives up this connection and schedules the next attempt after a full-jitter backoff. */
    private void lost(String why) {
        generation++;
        boolean wasSubscribed = subscribed;
        subscribed = false;
        subscriptionId = null;
        if (socket != null) {
            socket.abort();
            socket = null;
        }
        if (closed) {
            return;
        }
        failures++;
        long ceiling = backoffCap.toNanos();
        long grown = backoffBase.toNanos();
        for (int i = 1; i < failures && grown < ceiling; i++) {
            grown = Math.min(ceiling, grown * 2);
        }
        long delay = ThreadLocalRandom.current().nextLong(Math.max(1, grown));
        LOG.log(wasSubscribed ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "Vexil: push channel "
                + why + "; polling continues, reconnecting in " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms");
        thread.schedule(() -> run(this::connect), delay, TimeUnit.NANOSECONDS);
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Vexil: unexpected error in the push channel", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // closed
        }
    }

    @Override
    public void close() {
        closed = true;
        subscribed = false;
        run(() -> {
            generation++;
            if (socket != null) {
                socket.abort();
                socket = null;
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        http.shutdownNow();
    }
}
