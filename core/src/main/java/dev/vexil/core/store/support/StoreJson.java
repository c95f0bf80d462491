package dev.vexil.core.store.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.snapshot.SnapshotCodec;
import java.io.UncheckedIOException;

/**
 * How the adapters turn the shared model records into the JSON string stored in an item's {@code content}
 * attribute (and back). The one place that chooses the mapper.
 */
public final class StoreJson {
    /** The model's shared mapper: ignores unknown properties, omits nulls. */
    private static final ObjectMapper MAPPER = SnapshotCodec.mapper();

    private StoreJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses stored JSON; null stays null (tombstones have no content). */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    public static JsonNode readTree(String json) {
        return read(json, JsonNode.class);
    }
}
