package dev.vexil.core.admin.service;

import dev.vexil.validate.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expected failure of an admin operation: the caller's mistake or a conflict with stored state. The HTTP
 * layer turns it into an RFC 9457 problem; {@link Kind#status()} is the status it gets. {@code errors} locate
 * offending fields (from the shared validator, or our own checks in the same {@code a.b[0]} path form);
 * {@code extensions} are extra problem members such as {@code currentEtag}.
 */
public final class AdminException extends RuntimeException {

    public enum Kind {
        INVALID(400, "invalid-request", "The request is invalid"),
        UNAUTHENTICATED(401, "unauthenticated", "No authenticated principal"),
        FORBIDDEN(403, "forbidden", "Not allowed"),
        NOT_FOUND(404, "not-found", "Not found"),
        METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
        CONFLICT(409, "conflict", "Conflict"),
        QUOTA_EXCEEDED(409, "quota-exceeded", "A quota would be exceeded"),
        PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
        SNAPSHOT_TOO_LARGE(413, "snapshot-too-large", "The environment's snapshot would exceed its size limit"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
        PRECONDITION_REQUIRED(428, "precondition-required", "If-Match required"),
        RATE_LIMITED(429, "rate-limited", "Too many writes"),
        INTERNAL(500, "internal", "Internal error"),
        NOT_IMPLEMENTED(501, "not-implemented", "Not available in this deployment");

        private final int status;
        private final String slug;
        private final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public int status() {
            return status;
        }

        /** The last segment of the problem {@code type} URI. */
        public String slug() {
            return slug;
        }

        public String title() {
            return title;
        }
    }

    private final Kind kind;
    private final List<Problem> errors;
    private final Map<String, Object> extensions;

    public AdminException(Kind kind, String detail) {
        this(kind, detail, List.of(), Map.of());
    }

    public AdminException(Kind kind, String detail, List<Problem> errors) {
        this(kind, detail, errors, Map.of());
    }

    public AdminException(Kind kind, String detail, List<Problem> errors, Map<String, Object> extensions) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public static AdminException invalid(String path, String message) {
        return new AdminException(Kind.INVALID, path.isEmpty() ? message : path + ": " + message,
                List.of(new Problem(path, message)));
    }

    public static AdminException invalid(List<Problem> problems) {
        String detail = problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems, first: " + problems.get(0);
        return new AdminException(Kind.INVALID, detail, problems);
    }

    public static AdminException notFound(String detail) {
        return new AdminException(Kind.NOT_FOUND, detail);
    }

    public static AdminException forbidden(String detail) {
        return new AdminException(Kind.FORBIDDEN, detail);
    }

    public static AdminException conflict(String detail) {
        return new AdminException(Kind.CONFLICT, detail);
    }

    /** 429 carrying {@code retryAfterSeconds}, which the HTTP layer also sends as {@code Retry-After}. */
    public static AdminException rateLimited(String principal, long retryAfterSeconds) {
        return new AdminException(Kind.RATE_LIMITED, "too many writes by \"" + principal + "\"; retry after "
                + retryAfterSeconds + " s", List.of(), Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    /** 412 carrying the current ETag, so that the client can re-read and retry. */
    public static AdminException stale(String detail, long currentVersion) {
        return new AdminException(Kind.PRECONDITION_FAILED, detail, List.of(),
                Map.of("currentEtag", "\"" + currentVersion + "\"", "currentVersion", currentVersion));
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return Map.copyOf(extensions);
    }
}
