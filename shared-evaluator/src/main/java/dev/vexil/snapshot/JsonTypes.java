package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON value types the way users read them in error messages ("a string", "an array", "null"). */
public final class JsonTypes {
    private JsonTypes() {
    }

    /** The value's type with the value itself for scalars that are short to show: "the integer 5", "true". */
    public static String describe(JsonNode node) {
        if (node != null && node.isNumber()) {
            return node.isIntegralNumber() ? "the integer " + node.asText()
                    : Double.isFinite(node.doubleValue()) ? "the number " + node.asText() : "a number too large to represent";
        }
        if (node != null && node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        return kind(node);
    }

    /** The value's type only: "a number", "a boolean", "an object", "nothing" for an absent value. */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
