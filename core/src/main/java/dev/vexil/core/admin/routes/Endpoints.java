package dev.vexil.core.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.JsonBodies;
import dev.vexil.core.admin.http.Representations;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import java.util.function.Supplier;

/**
 * What every group of routes needs to turn a request into a service call: the caller (principal, session name,
 * break-glass or not, and {@code X-Vexil-Comment}), the JSON body, paging parameters, and the response shapes.
 */
public final class Endpoints {
    public static final String COMMENT_HEADER = "X-Vexil-Comment";
    static final int MAX_COMMENT = 1000;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final JsonBodies bodies;
    private final Representations representations;
    private final AccessPolicy policy;

    public Endpoints(JsonBodies bodies, Representations representations, AccessPolicy policy) {
        this.bodies = bodies;
        this.representations = representations;
        this.policy = policy;
    }

    public Representations json() {
        return representations;
    }

    public JsonNode body(ApiRequest request) {
        return bodies.required(request);
    }

    public JsonNode optionalBody(ApiRequest request) {
        return bodies.optional(request);
    }

    public Caller caller(ApiRequest request) {
        String comment = request.header(COMMENT_HEADER);
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw AdminException.invalid(COMMENT_HEADER, "longer than " + MAX_COMMENT + " characters");
        }
        return new Caller(request.principal(), comment, request.sessionName(),
                policy.isBreakGlass(request.principal()));
    }

    /** A kill or rollback body's {@code comment} member wins over the header. */
    static Caller withBodyComment(Caller caller, JsonNode body) {
        if (body == null || !body.has("comment")) {
            return caller;
        }
        JsonNode comment = body.get("comment");
        if (!comment.isTextual() && !comment.isNull()) {
            throw AdminException.invalid("comment", "expected a string");
        }
        if (comment.isTextual() && comment.textValue().length() > MAX_COMMENT) {
            throw AdminException.invalid("comment", "longer than " + MAX_COMMENT + " characters");
        }
        return comment.isNull() ? caller : caller.withComment(comment.textValue());
    }

    static int limit(ApiRequest request) {
        String raw = request.queryParameter("limit");
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AdminException.invalid("limit", "expected an integer from 1 to " + MAX_LIMIT + ", got \"" + raw + "\"");
    }

    /** Cursors are opaque; one the store cannot read is the caller's mistake, not a server error. */
    static <T> T withCursor(Supplier<T> listing) {
        try {
            return listing.get();
        } catch (IllegalArgumentException badCursor) {
            throw AdminException.invalid("cursor", "not a cursor returned by this API: " + badCursor.getMessage());
        }
    }
}
