package dev.vexil.core.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.JsonBodies;
import dev.vexil.core.admin.http.Representations;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import java.util.Iterator;
import java.util.Set;
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
    /** History and audit pages may be longer than listings: their entries are small. */
    static final int MAX_HISTORY_LIMIT = 500;

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
        return limit(request, MAX_LIMIT);
    }

    /** {@code limit} of a history or audit page: 1 to {@value #MAX_HISTORY_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    static int historyLimit(ApiRequest request) {
        return limit(request, MAX_HISTORY_LIMIT);
    }

    private static int limit(ApiRequest request, int max) {
        String raw = request.queryParameter("limit");
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AdminException.invalid("limit", "expected an integer from 1 to " + max + ", got \"" + raw + "\"");
    }

    /** An optional object body with only the given members (kill, rollback). */
    JsonNode actionBody(ApiRequest request, Set<String> fields) {
        JsonNode body = optionalBody(request);
        if (body == null) {
            return null;
        }
        if (!body.isObject()) {
            throw AdminException.invalid("", "expected a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw AdminException.invalid(name, "unknown member; expected one of " + fields);
            }
        }
        return body;
    }

    /** The {@code version} member of a rollback body: required, an integer of at least 1. */
    static long rollbackVersion(JsonNode body) {
        JsonNode version = body == null ? null : body.get("version");
        if (version == null || version.isNull()) {
            throw AdminException.invalid("version", "is required: the version to restore");
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1) {
            throw AdminException.invalid("version", "expected a version number (an integer of at least 1), got "
                    + version);
        }
        return version.longValue();
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
