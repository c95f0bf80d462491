package dev.vexil.core.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON response (or an empty one) with its status and headers, before a transport sends it (the admin Lambda as
 * an API Gateway response, local mode over HTTP).
 */
public record ApiResponse(int status, Map<String, String> headers, JsonNode body, String contentType) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of(), body, JSON);
    }

    /** A JSON body that represents a versioned resource: adds {@code ETag: "<version>"}. */
    public static ApiResponse versioned(int status, JsonNode body, String etag) {
        return new ApiResponse(status, Map.of("ETag", etag), body, JSON);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body, contentType);
    }

    /** The headers to send: the response's own, plus {@code Content-Type} when there is a body. */
    public Map<String, String> wireHeaders() {
        if (body == null) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return all;
    }

    /** The body as JSON text, or null when there is none. */
    public String bodyText(ObjectMapper mapper) {
        if (body == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
