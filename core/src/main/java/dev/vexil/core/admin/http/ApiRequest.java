package dev.vexil.core.admin.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the admin API sees it, free of Lambda types: header names are lower-case, the body is kept
 * as received (text, or base64 when API Gateway encoded it) and decoded on demand.
 * {@code principal} is the authenticated caller, or null when the request context carries none;
 * {@code sessionName} is the caller's STS role session name, for the audit trail only (see
 * {@link dev.vexil.core.admin.access.CallerIdentity}), or null.
 */
public record ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                         String rawBody, boolean base64Body, String principal, Map<String, String> pathParameters,
                         String sessionName) {

    /** A request whose caller has no session name (IAM user, JWT, local token). */
    public ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                      String rawBody, boolean base64Body, String principal, Map<String, String> pathParameters) {
        this(method, path, headers, query, rawBody, base64Body, principal, pathParameters, null);
    }

    public ApiRequest {
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lower.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        headers = Map.copyOf(lower);
        query = query == null ? Map.of() : Map.copyOf(query);
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
    }

    public ApiRequest withPathParameters(Map<String, String> parameters) {
        return new ApiRequest(method, path, headers, query, rawBody, base64Body, principal, parameters, sessionName);
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public String queryParameter(String name) {
        return query.get(name);
    }

    public boolean hasBody() {
        return rawBody != null && !rawBody.isEmpty();
    }

    /** The body bytes; a base64 body that does not decode is an {@link IllegalArgumentException}. */
    public byte[] bodyBytes() {
        if (!hasBody()) {
            return new byte[0];
        }
        return base64Body ? Base64.getDecoder().decode(rawBody) : rawBody.getBytes(StandardCharsets.UTF_8);
    }
}
