package dev.vexil.sdk;

import dev.vexil.wire.EvaluationSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one summary: {@code POST {edge}/sdk/v1/events} with {@code Authorization: <sdkKey>}, gzipped
 * ({@code Content-Encoding: gzip}: a 200-flag summary shrinks to a fraction, docs/insights.md), bounded by the
 * request timeout. Its own {@link HttpClient}, so that metrics never queue behind (or hold up) the poller. Redirects
 * are not followed: the key must not travel to another host. An edge that answers 415 (it does not decode gzip,
 * RFC 7694) gets this summary again uncompressed, and every later one.
 */
final class EventsPoster implements AutoCloseable {
    static final String EVENTS_PATH = "/sdk/v1/events";
    private static final System.Logger LOG = System.getLogger(VexilClient.class.getName());

    private final HttpClient http;
    private final URI uri;
    private final String sdkKey;
    private final Duration requestTimeout;
    private volatile boolean gzip = true;

    EventsPoster(URI edgeBaseUrl, String sdkKey, Duration connectTimeout, Duration requestTimeout) {
        String base = edgeBaseUrl.toString();
        this.uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + EVENTS_PATH);
        this.sdkKey = sdkKey;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the summary's JSON; the edge's status code. Throws on transport failures and timeouts. */
    int post(byte[] json) throws IOException, InterruptedException {
        if (gzip) {
            int status = send(EvaluationSummary.gzipBody(json), EvaluationSummary.GZIP);
            if (status != 415) {
                return status;
            }
            gzip = false;
            LOG.log(System.Logger.Level.INFO, "Vexil: the events endpoint does not accept gzip (415); evaluation "
                    + "summaries are sent uncompressed from now on");
        }
        return send(json, null);
    }

    private int send(byte[] body, String contentEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(requestTimeout)
                .header("Authorization", sdkKey)
                .header("Content-Type", "application/json")
                .header("User-Agent", EdgeClient.USER_AGENT)
                // CloudFront signs requests to a Lambda function URL origin (Origin Access Control) only when the
                // viewer sends the SHA-256 of a POST body: of the bytes sent, so of the gzip (docs/insights.md).
                .header("x-amz-content-sha256", sha256Hex(body));
        if (contentEncoding != null) {
            builder.header("Content-Encoding", contentEncoding);
        }
        HttpRequest request = builder.build();
        CompletableFuture<HttpResponse<Void>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no response to the summary within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e);
        }
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
