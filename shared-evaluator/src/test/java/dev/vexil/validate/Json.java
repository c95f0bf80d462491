package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.snapshot.SnapshotCodec;

/** Test helper: JSON written with single quotes for readability. */
final class Json {
    private Json() {
    }

    static JsonNode parse(String singleQuoted) {
        try {
            return SnapshotCodec.mapper().readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test JSON: " + singleQuoted, e);
        }
    }
}
