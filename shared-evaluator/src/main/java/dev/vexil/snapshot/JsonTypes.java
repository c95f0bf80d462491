package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON value types the way users read them in error messages ("a string", "an array", "null"). */
public final class JsonTypes {
    private JsonTypes() {
    }

    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "the integer " + node.asText()
                    : Double.isFinite(node.doubleValue()) ? "the number " + node.asText() : "a number too large to represent";
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
