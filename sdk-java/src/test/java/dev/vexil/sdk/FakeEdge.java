package dev.vexil.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A real HTTP edge on a loopback port, in the test JVM, that behaves like the Vexil edge (gzip bodies, ETags, 304 on
 * If-None-Match, 404 for an absent kill list) and can be told to misbehave. It records every request and the
 * highest number of requests that were ever in flight at once. A request is in flight from its arrival until the
 * edge starts sending its last bytes ({@link #answering()}): a keep-alive client may send its next request as soon
 * as it has the answer, possibly before the handler thread has returned, and that is no overlap.
 */
public final class FakeEdge implements AutoCloseable {
    public static final String SNAPSHOT = "/sdk/v1/snapshot";
    public static final String KILL_LIST = "/sdk/v1/killswitch";
    public static final String EVENTS = "/sdk/v1/events";

    /** Answers one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange, FakeEdge edge) throws IOException;
    }

    /** What the edge saw. {@code nanos} is System.nanoTime() when the request arrived. */
    public record Request(String path, String authorization, String ifNoneMatch, String acceptEncoding,
                          String userAgent, long nanos, String contentSha256, String contentEncoding) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ThreadLocal<Boolean> countedOnThisThread = ThreadLocal.withInitial(() -> false);
    private final java.util.Map<Thread, String> inFlightNow = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> overlaps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Deque<Responder> snapshotScript = new ArrayDeque<>();
    private final Deque<Responder> killListScript = new ArrayDeque<>();
    private final Deque<Responder> eventsScript = new ArrayDeque<>();
    private final List<byte[]> eventBodies = new ArrayList<>();
    private final List<byte[]> eventJson = new ArrayList<>();
    private volatile Responder snapshotOverride;
    private volatile Responder killListOverride;
    private volatile byte[] snapshotBody; // null: 404
    private volatile byte[] killListBody; // null: 404
    private volatile String expectedKey;
    private final java.util.Map<String, byte[]> objects = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeEdge() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ------------------------------------------------------------ configuration

    /** Serves this snapshot (canonical JSON) on the snapshot path, the way the edge does. */
    public FakeEdge snapshot(byte[] json) {
        snapshotBody = json;
        return this;
    }

    /** Serves this kill list; null removes it (404). */
    public FakeEdge killList(String json) {
        killListBody = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Serves {@code json} on another path too (a version object, a delta), like the edge; null removes it. */
    public FakeEdge object(String path, byte[] json) {
        if (json == null) {
            objects.remove(path);
        } else {
            objects.put(path, json);
        }
        return this;
    }

    /** Requests whose Authorization differs get 403 (like an unknown or revoked key). */
    public FakeEdge requireKey(String key) {
        expectedKey = key;
        return this;
    }

    /** Every snapshot request gets this until {@link #clearSnapshotOverride()}. */
    public FakeEdge snapshotOverride(Responder responder) {
        snapshotOverride = responder;
        return this;
    }

    public FakeEdge clearSnapshotOverride() {
        snapshotOverride = null;
        return this;
    }

    public FakeEdge killListOverride(Responder responder) {
        killListOverride = responder;
        return this;
    }

    /** The next snapshot requests get these, once each, before normal service resumes. */
    public synchronized FakeEdge scriptSnapshot(Responder... responders) {
        snapshotScript.addAll(List.of(responders));
        return this;
    }

    public synchronized FakeEdge scriptKillList(Responder... responders) {
        killListScript.addAll(List.of(responders));
        return this;
    }

    /** The next event summaries get these, once each; after them (and by default) summaries get 202. */
    public synchronized FakeEdge scriptEvents(Responder... responders) {
        eventsScript.addAll(List.of(responders));
        return this;
    }

    // ------------------------------------------------------------ observations

    /**
     * The JSON of every {@code POST /sdk/v1/events}, accepted or not, in arrival order: inflated (with the JDK's own
     * {@link GZIPInputStream}) where it was sent with {@code Content-Encoding: gzip}.
     */
    public synchronized List<byte[]> eventBodies() {
        return List.copyOf(eventJson);
    }

    /** The bodies of every {@code POST /sdk/v1/events} exactly as they arrived, in arrival order. */
    public synchronized List<byte[]> rawEventBodies() {
        return List.copyOf(eventBodies);
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("an events body sent as gzip is not gzip", e);
        }
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** What was in flight each time more than one request was: for assertion messages. */
    public List<String> overlaps() {
        return List.copyOf(overlaps);
    }

    // ------------------------------------------------------------ responders

    public static Responder status(int code, String... headerPairs) {
        return (exchange, edge) -> {
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            edge.answering();
            exchange.sendResponseHeaders(code, -1);
        };
    }

    /** A 200 with this body, gzipped and labelled so, with this ETag. */
    public static Responder gzip200(byte[] body, String etag) {
        return (exchange, edge) -> send(exchange, edge, gzip(body), etag);
    }

    /** A 200 with this body as it is, not compressed (as a misconfigured or hostile server might send it). */
    public static Responder plain200(byte[] body) {
        return (exchange, edge) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            edge.answering();
            exchange.getResponseBody().write(body);
        };
    }

    /** A 200 whose gzip body is cut in the middle. */
    public static Responder truncatedGzip(byte[] body) {
        return (exchange, edge) -> {
            byte[] full = gzip(body);
            byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
            send(exchange, edge, cut, "\"truncated\"");
        };
    }

    /**
     * Sends headers, then one byte every 5 ms for up to {@code maxMillis}, and never completes the body: only a
     * client-side deadline ends it. Writing to a connection the client abandoned fails, which ends the handler and
     * its time in flight; until then the request counts as in flight.
     */
    public static Responder hang(long maxMillis) {
        return (exchange, edge) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (System.nanoTime() < end) {
                out.write(' ');
                out.flush();
                sleep(5);
            }
        };
    }

    // ------------------------------------------------------------ the server

    private void handle(HttpExchange exchange) throws IOException {
        inFlightNow.put(Thread.currentThread(), exchange.getRequestURI().getPath() + " from "
                + exchange.getRemoteAddress() + " since " + System.nanoTime() / 1_000_000 + " ms");
        int now = inFlight.incrementAndGet();
        countedOnThisThread.set(true);
        maxInFlight.accumulateAndGet(now, Math::max);
        if (now > 1) {
            overlaps.add("at " + System.nanoTime() / 1_000_000 + " ms: " + inFlightNow.values());
        }
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            var h = exchange.getRequestHeaders();
            synchronized (this) {
                requests.add(new Request(path, h.getFirst("Authorization"), h.getFirst("If-None-Match"),
                        h.getFirst("Accept-Encoding"), h.getFirst("User-Agent"), System.nanoTime(),
                        h.getFirst("x-amz-content-sha256"), h.getFirst("Content-Encoding")));
            }
            String key = expectedKey;
            if (key != null && !key.equals(h.getFirst("Authorization"))) {
                answering();
                exchange.sendResponseHeaders(h.getFirst("Authorization") == null ? 401 : 403, -1);
                return;
            }
            if (path.equals(EVENTS)) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                byte[] json = "gzip".equals(h.getFirst("Content-Encoding")) ? gunzip(body) : body;
                synchronized (this) {
                    eventBodies.add(body);
                    eventJson.add(json);
                }
            }
            Responder responder = responderFor(path);
            responder.respond(exchange, this);
        } catch (IOException e) {
            // the client went away (e.g. after its deadline); nothing to do
        } finally {
            answering();
        }
    }

    /** Called by a responder just before it sends the last part of its answer: the request leaves flight. */
    void answering() {
        if (countedOnThisThread.get()) {
            countedOnThisThread.set(false);
            inFlightNow.remove(Thread.currentThread());
            inFlight.decrementAndGet();
        }
    }

    private Responder responderFor(String path) {
        synchronized (this) {
            Deque<Responder> script = path.equals(SNAPSHOT) ? snapshotScript
                    : path.equals(KILL_LIST) ? killListScript : path.equals(EVENTS) ? eventsScript : null;
            if (script != null && !script.isEmpty()) {
                return script.poll();
            }
        }
        if (path.equals(SNAPSHOT)) {
            Responder o = snapshotOverride;
            return o != null ? o : (exchange, edge) -> serveCurrent(exchange, edge, snapshotBody);
        }
        if (path.equals(KILL_LIST)) {
            Responder o = killListOverride;
            return o != null ? o : (exchange, edge) -> serveCurrent(exchange, edge, killListBody);
        }
        byte[] object = objects.get(path);
        if (object != null) {
            return (exchange, edge) -> serveCurrent(exchange, edge, object);
        }
        return path.equals(EVENTS) ? status(202) : status(404);
    }

    private static void serveCurrent(HttpExchange exchange, FakeEdge edge, byte[] body) throws IOException {
        if (body == null) {
            edge.answering();
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String etag = etagOf(body);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.getResponseHeaders().add("ETag", etag);
            edge.answering();
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, edge, gzip(body), etag);
    }

    public static String etagOf(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, FakeEdge edge, byte[] gzipped, String etag) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        exchange.getResponseHeaders().add("Cache-Control", "public, max-age=5, must-revalidate");
        if (etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
        }
        exchange.sendResponseHeaders(200, gzipped.length);
        edge.answering(); // the client cannot complete the exchange before it has the whole body
        exchange.getResponseBody().write(gzipped);
    }

    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
