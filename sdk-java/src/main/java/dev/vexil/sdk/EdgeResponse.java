package dev.vexil.sdk;

import java.time.Duration;

/**
 * One answer from the edge: the status, the body (already gunzipped), the ETag and a parsed {@code Retry-After}
 * (null when absent or unparsable).
 */
record EdgeResponse(int status, byte[] body, String etag, Duration retryAfter) {
}
