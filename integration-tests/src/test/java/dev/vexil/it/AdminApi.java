package dev.vexil.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thin client of the admin API over HTTP, as a script would use it. Each call returns what came back. */
final class AdminApi {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, ETag (null if none) and the JSON body (NullNode if none). */
    record Response(int status, String etag, JsonNode body) {
        Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;
    /** Sent as {@code X-Vexil-Principal}: whom the token holder acts as (local mode's way to be several people). */
    private final String principal;

    AdminApi(URI base, String token) {
        this(base, token, null);
    }

    private AdminApi(URI base, String token, String principal) {
        this.base = base;
        this.token = token;
        this.principal = principal;
    }

    /** The same API, acting as {@code who} (e.g. a reviewer other than the author). */
    AdminApi as(String who) {
        return new AdminApi(base, token, who);
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body, null);
    }

    Response put(String path, Object body, String ifMatch) {
        return send("PUT", path, body, ifMatch);
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response send(String method, String path, Object body, String ifMatch) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            if (principal != null) {
                request.header("X-Vexil-Principal", principal);
            }
            if (body != null) {
                String json = body instanceof String s ? s : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? NullNode.getInstance() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("ETag").orElse(null), json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
