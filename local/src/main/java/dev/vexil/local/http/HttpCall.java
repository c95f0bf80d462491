package dev.vexil.local.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One authenticated admin request as the gateway hands it on, normalised as API Gateway's HTTP API does (payload
 * format 2.0): header names lower-case with repeated values joined by commas, cookies apart, query parameters
 * decoded (repeats joined with commas; null when the URL has no query), a textual body as is and anything else
 * base64-encoded ({@code base64Body}); {@code body} is null when there is none.
 */
public record HttpCall(String method, String rawPath, String rawQuery, Map<String, String> headers,
                       List<String> cookies, Map<String, String> queryParameters, String body, boolean base64Body,
                       String principal, String protocol, String sourceIp, Instant receivedAt) {
}
