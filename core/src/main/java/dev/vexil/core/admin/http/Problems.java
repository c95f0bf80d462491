package dev.vexil.core.admin.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.validate.Problem;
import java.util.Map;

/**
 * Renders RFC 9457 problem documents: {@code {type, title, status, detail, instance, errors: [{path, message}]}}
 * plus any extension members of the failure (e.g. {@code currentEtag}), as {@code application/problem+json}.
 */
public final class Problems {
    /** Base of every problem {@code type}; the last segment is {@link AdminException.Kind#slug()}. */
    public static final String TYPE_BASE = "https://vexil.dev/problems/";

    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ApiResponse render(AdminException failure, String instance) {
        AdminException.Kind kind = failure.kind();
        ObjectNode body = mapper.createObjectNode();
        body.put("type", TYPE_BASE + kind.slug());
        body.put("title", kind.title());
        body.put("status", kind.status());
        body.put("detail", failure.getMessage());
        body.put("instance", instance);
        ArrayNode errors = body.putArray("errors");
        for (Problem problem : failure.errors()) {
            errors.addObject().put("path", problem.path()).put("message", problem.message());
        }
        for (Map.Entry<String, Object> extension : failure.extensions().entrySet()) {
            body.set(extension.getKey(), mapper.valueToTree(extension.getValue()));
        }
        ApiResponse response = new ApiResponse(kind.status(), Map.of(), body, ApiResponse.PROBLEM_JSON);
        Object currentEtag = failure.extensions().get("currentEtag");
        if (currentEtag != null) {
            response = response.withHeader("ETag", currentEtag.toString());
        }
        Object retryAfter = failure.extensions().get("retryAfterSeconds");
        return retryAfter == null ? response : response.withHeader("Retry-After", retryAfter.toString());
    }
}
