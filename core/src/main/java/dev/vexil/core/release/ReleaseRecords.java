package dev.vexil.core.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.release.store.ReleaseRecord;

/** Converts a stored item's body to and from its kind's record (a {@link Schedule}, a {@link RolloutPlan}). */
final class ReleaseRecords {
    private final ObjectMapper mapper;

    ReleaseRecords(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    <T> T read(ReleaseRecord record, Class<T> type) {
        try {
            return mapper.treeToValue(record.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + record.key() + " is not a " + type.getSimpleName(), e);
        }
    }

    JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }
}
