package dev.vexil.core.admin.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.validate.Problem;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body as JSON, refusing with a problem what the API cannot take: a body over
 * {@link #MAX_BODY_BYTES} (413), a Content-Type other than JSON (415), base64 that does not decode or JSON
 * that does not parse (400, with line and column). A parse never reaches a service, so nothing is changed.
 */
public final class JsonBodies {
    /** The documented request body limit (API Gateway allows more, we do not). */
    public static final int MAX_BODY_BYTES = 262_144;

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body, which must be present. */
    public JsonNode required(ApiRequest request) {
        JsonNode body = optional(request);
        if (body == null) {
            throw AdminException.invalid("", "a JSON request body is required");
        }
        return body;
    }

    /** The body, or null when the request has none. */
    public JsonNode optional(ApiRequest request) {
        if (!request.hasBody()) {
            return null;
        }
        requireJsonContentType(request.header("content-type"));
        byte[] bytes;
        try {
            bytes = request.bodyBytes();
        } catch (IllegalArgumentException notBase64) {
            throw AdminException.invalid("", "the body is marked base64-encoded but does not decode: "
                    + notBase64.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new AdminException(AdminException.Kind.PAYLOAD_TOO_LARGE, "the body has " + bytes.length
                    + " bytes; the limit is " + MAX_BODY_BYTES, List.of(), Map.of("limit", MAX_BODY_BYTES));
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            JsonNode tree = mapper.readTree(bytes);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            Map<String, Object> location = where == null ? Map.of()
                    : Map.of("line", where.getLineNr(), "column", where.getColumnNr());
            throw new AdminException(AdminException.Kind.INVALID, "malformed JSON" + at + ": " + e.getOriginalMessage(),
                    List.of(new Problem("", "malformed JSON" + at)), location);
        } catch (IOException e) {
            throw AdminException.invalid("", "unreadable body: " + e.getMessage());
        }
    }

    /** {@code application/json} or any {@code +json} type, with or without parameters such as charset. */
    static void requireJsonContentType(String contentType) {
        if (contentType == null) {
            throw new AdminException(AdminException.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "a request body needs Content-Type: application/json");
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new AdminException(AdminException.Kind.UNSUPPORTED_MEDIA_TYPE, "Content-Type \"" + contentType
                    + "\" is not supported; send application/json");
        }
    }
}
