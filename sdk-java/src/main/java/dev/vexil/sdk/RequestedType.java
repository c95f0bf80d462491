package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.FlagType;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a typed {@code ...VariationDetail} call asks for: the flag types that can serve it (checked before the flag
 * is evaluated) and how to read a served value (checked after, since a {@code json} flag may serve any JSON).
 */
final class RequestedType<T> {
    static final RequestedType<Boolean> BOOLEAN =
            new RequestedType<>("a boolean", FlagType.BOOLEAN, JsonNode::isBoolean, JsonNode::booleanValue);
    static final RequestedType<String> STRING =
            new RequestedType<>("a string", FlagType.STRING, JsonNode::isTextual, JsonNode::textValue);
    static final RequestedType<Double> DOUBLE =
            new RequestedType<>("a number", FlagType.NUMBER, JsonNode::isNumber, JsonNode::doubleValue);
    /** A number truncated toward zero; a value outside the int range is a type mismatch. */
    static final RequestedType<Integer> INT =
            new RequestedType<>("an int", FlagType.NUMBER, RequestedType::isInt, JsonNode::intValue);
    static final RequestedType<JsonNode> JSON = new RequestedType<>("JSON", null, v -> true, JsonNode::deepCopy);

    private final String description;
    private final FlagType flagType; // null: every flag type can serve it
    private final Predicate<JsonNode> accepts;
    private final Function<JsonNode, T> read;

    private RequestedType(String description, FlagType flagType, Predicate<JsonNode> accepts,
                          Function<JsonNode, T> read) {
        this.description = description;
        this.flagType = flagType;
        this.accepts = accepts;
        this.read = read;
    }

    static boolean isInt(JsonNode v) {
        return v != null && v.isNumber() && v.canConvertToInt();
    }

    /** Whether a flag of this declared type can serve it; an unknown type is left to the evaluator to report. */
    boolean canBeServedBy(FlagType declared) {
        return flagType == null || declared == null || declared == flagType || declared == FlagType.JSON;
    }

    boolean accepts(JsonNode served) {
        return accepts.test(served);
    }

    T read(JsonNode served) {
        return read.apply(served);
    }

    /** E.g. {@code "a boolean"}. */
    String description() {
        return description;
    }
}
