package dev.vexil.sdk;

import dev.vexil.wire.ObjectEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The edge's SDK paths over {@link HttpClient}: sends {@code Authorization}, {@code If-None-Match},
 * {@code Accept-Encoding: gzip} and {@code User-Agent}, gunzips the body, and bounds the whole exchange (headers
 * and body) by the request timeout: the JDK's own request timeout stops at the headers, so a server trickling a
 * body would otherwise hold the poller forever.
 *
 * <p>An exchange that runs out of time is ended by shutting the whole {@link HttpClient} down and building a new
 * one. Cancelling the exchange's future is not enough: measured on JDK 25, about one cancelled exchange in 40 to 150
 * kept its socket open for seconds afterwards, so a hanging edge would collect connections from every retry. A
 * shutdown closes every connection at once, and timeouts are rare enough that rebuilding the client costs nothing
 * that matters. Only the poller thread calls {@link #get}; {@link #close} may come from any thread.
 */
final class EdgeClient implements AutoCloseable {
    static final String SNAPSHOT_PATH = "/sdk/v1/snapshot";
    static final String KILL_LIST_PATH = "/sdk/v1/killswitch";
    static final String USER_AGENT = "vexil-java/" + sdkVersion();
    /**
     * The largest body read as it arrives: the same bound gzip bodies get once expanded
     * ({@link ObjectEncoding#MAX_DECODED_BYTES}), so that a plain body cannot exhaust the heap either.
     */
    static final int DEFAULT_MAX_BODY_BYTES = ObjectEncoding.MAX_DECODED_BYTES;

    private final Duration connectTimeout;
    private volatile HttpClient http;
    private volatile boolean closed;
    private final String base;
    private final String sdkKey;
    private final Duration requestTimeout;
    private final Clock clock;
    private final int maxBodyBytes;

    EdgeClient(URI edgeBaseUrl, String sdkKey, Duration connectTimeout, Duration requestTimeout, Clock clock,
               int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        String b = edgeBaseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.sdkKey = sdkKey;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.http = newHttpClient();
    }

    private HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // Never follow redirects: the Authorization header must not travel to another host.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One GET. Throws on transport failures, a body over the size cap, and a body that cannot be gunzipped. */
    EdgeResponse get(String path, String etag) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .GET()
                .timeout(requestTimeout)
                .header("Authorization", sdkKey)
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", USER_AGENT);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpClient client = http;
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request.build(), info -> CappedBody.subscriber(maxBodyBytes));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(client, pending);
            throw new HttpTimeoutException("no complete response within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            abandon(client, pending);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(cause), cause);
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        boolean gzipped = response.headers().firstValue("Content-Encoding")
                .map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
        if (gzipped || ObjectEncoding.isGzip(body)) {
            body = ObjectEncoding.gunzip(body);
        }
        return new EdgeResponse(response.statusCode(), body,
                response.headers().firstValue("ETag").orElse(null),
                RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock));
    }

    /**
     * Ends an exchange that ran out of time and closes its connection before the next request can start, so that
     * the client never holds two requests open at once. The wait is bounded: a shutdown that stalls must not stall
     * the poller, and the sockets are already closed by then.
     */
    private void abandon(HttpClient client, CompletableFuture<?> pending) {
        pending.cancel(true);
        client.shutdownNow();
        boolean interrupted = Thread.interrupted(); // awaitTermination must wait even if we were interrupted
        try {
            client.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!closed) {
            http = newHttpClient();
            if (closed) { // close() ran while we rebuilt: do not leave the new client behind
                http.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
    }

    private static String sdkVersion() {
        try (InputStream in = EdgeClient.class.getResourceAsStream("sdk-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
