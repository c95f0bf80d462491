package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vexil.eval.clause.Instants;
import dev.vexil.eval.clause.InvalidClauseValueException;
import dev.vexil.eval.clause.Operator;
import dev.vexil.eval.clause.SemVer;
import dev.vexil.snapshot.JsonTypes;
import java.util.List;
import java.util.Set;

/**
 * Per-operator typing of clause values, with the pre-parsing the compiler will do (regexes with RE2/J, semvers,
 * dates, CIDRs, segment names). One small checker per {@link Operator.ValueKind}; each returns null for a good value
 * or the message for a bad one. Semvers, dates and CIDR blocks are parsed by the evaluator's own parsers, so the
 * validator accepts exactly what the evaluator can use.
 */
final class OperatorRules {

    private OperatorRules() {
    }

    /** Null if {@code value} is acceptable for {@code operator}, else the message. */
    static String problem(Operator operator, JsonNode value, Set<String> segmentKeys) {
        String name = operator.wireName();
        return switch (operator.valueKind()) {
            case SCALAR -> scalar(value, name);
            case STRING -> string(value, name);
            case REGEX -> regex(value, name);
            case NUMBER -> number(value, name);
            case DATE -> date(value, name);
            case SEMVER -> semVer(value, name);
            case CIDR -> cidr(value, name);
            case SEGMENT_KEY -> segment(value, name, segmentKeys);
        };
    }

    private static String expected(String what, String operator, JsonNode value) {
        return "expected " + what + " for operator " + operator + ", got " + JsonTypes.describe(value);
    }

    private static String scalar(JsonNode value, String operator) {
        return value.isTextual() || value.isNumber() || value.isBoolean() ? null
                : expected("a string, number or boolean", operator, value);
    }

    private static String string(JsonNode value, String operator) {
        return value.isTextual() ? null : expected("a string", operator, value);
    }

    private static String number(JsonNode value, String operator) {
        return value.isNumber() ? null : expected("a number", operator, value);
    }

    private static String regex(JsonNode value, String operator) {
        if (!value.isTextual()) {
            return expected("a regular expression string", operator, value);
        }
        String source = value.textValue();
        // Estimated first: compiling a pattern that expands to millions of instructions itself takes seconds.
        long size = RegexComplexity.expandedSize(source);
        if (size > RegexComplexity.MAX_EXPANDED_SIZE) {
            return "regular expression is too complex for operator " + operator + ": its repetitions expand to about "
                    + size + " steps; at most " + RegexComplexity.MAX_EXPANDED_SIZE + " are allowed (use * or + instead"
                    + " of large {n,m} counts, and do not nest counted repetitions)";
        }
        try {
            Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            return "invalid regular expression for operator " + operator + " (RE2 syntax): " + e.getDescription();
        }
        return null;
    }

    private static String date(JsonNode value, String operator) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return null; // epoch milliseconds
        }
        if (value.isTextual() && Instants.parseMillis(value.textValue()) != Instants.INVALID) {
            return null;
        }
        return "expected an ISO-8601 date-time (e.g. 2026-01-31T09:00:00Z; without an offset it is UTC) or epoch"
                + " milliseconds for operator " + operator + ", got "
                + (value.isTextual() ? "\"" + value.textValue() + "\"" : JsonTypes.describe(value));
    }

    private static String semVer(JsonNode value, String operator) {
        if (!value.isTextual()) {
            return expected("a semantic version string", operator, value);
        }
        return SemVer.parse(value.textValue()) != null ? null
                : "\"" + value.textValue() + "\" is not a semantic version (e.g. 1.4.0 or 2.0.0-beta.1) for operator "
                + operator;
    }

    private static String cidr(JsonNode value, String operator) {
        if (!value.isTextual()) {
            return expected("a CIDR block string", operator, value);
        }
        try {
            Operator.IN_CIDR.matcher(List.of(value));
            return null;
        } catch (InvalidClauseValueException e) {
            return e.getMessage() + " for operator " + operator + ": use an IPv4 or IPv6 address with an optional"
                    + " prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32";
        }
    }

    private static String segment(JsonNode value, String operator, Set<String> segmentKeys) {
        if (!value.isTextual()) {
            return expected("a segment key", operator, value);
        }
        String key = value.textValue();
        if (!KeyRules.isValidKey(key)) {
            return "\"" + key + "\" is not a valid segment key";
        }
        return segmentKeys.contains(key) ? null
                : "unknown segment \"" + key + "\"; create it in this environment first or remove it";
    }
}
