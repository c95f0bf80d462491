package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.FlagType;
import dev.vexil.snapshot.JsonTypes;
import dev.vexil.snapshot.SnapshotCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A flag's {@code type} and its {@code variations}: 1..100, each value of the flag's type, all distinct. */
final class VariationRules {
    private static final Set<String> VARIATION_FIELDS = Set.of("value", "name");
    private static final String TYPE_NAMES = Arrays.stream(FlagType.values()).map(FlagType::wireName)
            .collect(Collectors.joining(", "));

    private VariationRules() {
    }

    /** The flag type named by the {@code type} field, or null (with a problem) if missing or unknown. */
    static FlagType type(JsonNode flag, String path, ValidationRun run) {
        String name = JsonFields.string(flag, "type", path, true, run.problems());
        if (name == null) {
            return null;
        }
        FlagType type = FlagType.fromWire(name);
        if (type == null) {
            run.problems().add(Paths.field(path, "type"), "unknown flag type \"" + name + "\"; use one of "
                    + TYPE_NAMES);
        }
        return type;
    }

    /** Checks the {@code variations} array; {@code type} may be null (already reported), then values are unchecked. */
    static void variations(JsonNode flag, String path, FlagType type, ValidationRun run) {
        JsonNode variations = JsonFields.array(flag, "variations", path, true, run.problems());
        if (variations == null) {
            return;
        }
        String at = Paths.field(path, "variations");
        if (variations.isEmpty()) {
            run.problems().add(at, "a flag needs at least one variation");
        }
        LimitRules.atMost(variations.size(), LimitRules.MAX_VARIATIONS, at, "variations", run.problems());
        Map<String, Integer> seen = new HashMap<>(); // normalized value -> index of its first variation
        for (int i = 0; i < variations.size(); i++) {
            String vPath = Paths.index(at, i);
            JsonNode variation = run.object(variations.get(i), vPath, VARIATION_FIELDS);
            if (variation == null) {
                continue;
            }
            JsonFields.string(variation, "name", vPath, false, run.problems());
            JsonNode value = variation.get("value");
            if (value == null || value.isMissingNode() || (value.isNull() && type != FlagType.JSON)) {
                JsonFields.missing(Paths.field(vPath, "value"), run.problems());
                continue;
            }
            if (type != null && !hasType(value, type)) {
                run.problems().add(Paths.field(vPath, "value"), "expected " + article(type) + " for a "
                        + type.wireName() + " flag, got " + JsonTypes.describe(value));
                continue;
            }
            String normalized = normalized(value);
            Integer earlier = normalized == null ? null : seen.putIfAbsent(normalized, i);
            if (earlier != null) {
                run.problems().add(Paths.field(vPath, "value"), "duplicates the value of variations[" + earlier
                        + "]; variation values must be distinct");
            }
        }
    }

    private static boolean hasType(JsonNode value, FlagType type) {
        return switch (type) {
            case BOOLEAN -> value.isBoolean();
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case JSON -> true;
        };
    }

    private static String article(FlagType type) {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case JSON -> "a JSON value";
        };
    }

    /**
     * A string equal for equal values, where {@code 1} and {@code 1.0} are the same number; null for a number with
     * no JSON form (reported separately). A hash set of these keeps the distinctness check linear.
     */
    private static String normalized(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "n:" + new BigDecimal(value.bigIntegerValue()).stripTrailingZeros();
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            return Double.isFinite(d) ? "n:" + BigDecimal.valueOf(d).stripTrailingZeros() : null;
        }
        try {
            return "j:" + new String(SnapshotCodec.canonicalBytes(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null; // contains a number with no JSON form, reported separately
        }
    }
}
