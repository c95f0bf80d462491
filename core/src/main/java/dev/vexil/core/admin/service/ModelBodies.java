package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.validate.Problem;
import java.util.List;
import java.util.Set;

/**
 * Helpers around the bodies of flag and segment writes, which the shared validator checks: read-only members
 * echoed from a GET are dropped, and a validated tree becomes a model record.
 */
final class ModelBodies {
    /** Members the API adds to responses; a client may send them back, and they are ignored. */
    static final Set<String> READ_ONLY = Set.of("version", "updatedAt", "updatedBy");

    private ModelBodies() {
    }

    /** A copy without read-only members; non-objects are returned as they are, for the validator to refuse. */
    static JsonNode withoutReadOnly(JsonNode body) {
        if (body == null || !body.isObject()) {
            return body;
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove(READ_ONLY);
        return copy;
    }

    /** A validated object body with the key from the URL filled in where the body omitted it. */
    static JsonNode withKey(JsonNode validated, String keyFromUrl) {
        ObjectNode copy = ((ObjectNode) validated).deepCopy();
        JsonNode key = copy.get("key");
        if (key == null || key.isNull()) {
            copy.put("key", keyFromUrl);
        }
        return copy;
    }

    /**
     * Binds a validated tree to a record. The validator should have refused anything that cannot bind; if it
     * did not, the client still gets a 400 with the path Jackson reports, never a 500.
     */
    static <T> T bind(ObjectMapper mapper, JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw AdminException.invalid(List.of(new Problem(path(e), e.getOriginalMessage())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AdminException.invalid("", e.getOriginalMessage());
        }
    }

    /** Jackson's reference path in the validator's {@code a.b[0]} form. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Validator problems re-rooted under {@code prefix}, e.g. {@code proposed.my-flag}. */
    static List<Problem> under(String prefix, List<Problem> problems) {
        return problems.stream()
                .map(p -> new Problem(p.path().isEmpty() ? prefix
                        : p.path().startsWith("[") ? prefix + p.path() : prefix + "." + p.path(), p.message()))
                .toList();
    }
}
