package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Compile-time helpers that turn clause values into the arrays the matchers hold. */
final class ClauseValues {
    private ClauseValues() {
    }

    static String[] strings(List<JsonNode> values, String operator) throws InvalidClauseValueException {
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = values.get(i);
            if (v == null || !v.isTextual()) {
                throw new InvalidClauseValueException(i, "expected a string for operator " + operator);
            }
            out[i] = v.textValue();
        }
        return out;
    }

    static double[] numbers(List<JsonNode> values, String operator) throws InvalidClauseValueException {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = values.get(i);
            if (v == null || !v.isNumber()) {
                throw new InvalidClauseValueException(i, "expected a number for operator " + operator);
            }
            out[i] = v.doubleValue();
        }
        return out;
    }
}
