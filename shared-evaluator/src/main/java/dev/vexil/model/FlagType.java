package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The type of every variation value of a flag. */
public enum FlagType {
    BOOLEAN("boolean"), STRING("string"), NUMBER("number"), JSON("json");

    private final String wireName;

    FlagType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses the wire name; returns null for an unknown name so that callers can report it with a path. */
    @JsonCreator
    public static FlagType fromWire(String name) {
        for (FlagType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
