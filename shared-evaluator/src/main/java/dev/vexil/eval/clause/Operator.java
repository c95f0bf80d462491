package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every clause operator of snapshot format v1, the one place that names them. Each carries its wire name (the
 * {@code operator} member of a clause), what its values must be ({@link ValueKind}: the validator checks each value
 * against it) and how the evaluator builds its matcher. The compiler, the validator, the tests that keep the two in
 * agreement and the test that keeps docs/evaluation.md and docs/snapshot-format.md complete all read this list, so
 * an operator is added here and nowhere else (plus its documentation, which the docs test then demands).
 *
 * <p>Declared in documentation order. A name that is not here is not an error of the data set: the evaluator
 * compiles such a clause to "never matches" with a note (as LaunchDarkly does), and only STRICT validation refuses it.
 */
public enum Operator {
    IN("in", ValueKind.SCALAR, InMatcher::of),
    STARTS_WITH("startsWith", ValueKind.STRING, StringMatcher.testing(String::startsWith)),
    ENDS_WITH("endsWith", ValueKind.STRING, StringMatcher.testing(String::endsWith)),
    CONTAINS("contains", ValueKind.STRING, StringMatcher.testing(String::contains)),
    MATCHES("matches", ValueKind.REGEX, RegexMatcher::of),
    LESS_THAN("lessThan", ValueKind.NUMBER,
            NumberComparisonMatcher.comparing(NumberComparisonMatcher.Comparison.LESS_THAN)),
    LESS_THAN_OR_EQUAL("lessThanOrEqual", ValueKind.NUMBER,
            NumberComparisonMatcher.comparing(NumberComparisonMatcher.Comparison.LESS_THAN_OR_EQUAL)),
    GREATER_THAN("greaterThan", ValueKind.NUMBER,
            NumberComparisonMatcher.comparing(NumberComparisonMatcher.Comparison.GREATER_THAN)),
    GREATER_THAN_OR_EQUAL("greaterThanOrEqual", ValueKind.NUMBER,
            NumberComparisonMatcher.comparing(NumberComparisonMatcher.Comparison.GREATER_THAN_OR_EQUAL)),
    BEFORE("before", ValueKind.DATE, DateComparisonMatcher.comparing(true)),
    AFTER("after", ValueKind.DATE, DateComparisonMatcher.comparing(false)),
    SEM_VER_EQUAL("semVerEqual", ValueKind.SEMVER, SemVerMatcher.comparing(SemVerMatcher.Comparison.EQUAL)),
    SEM_VER_LESS_THAN("semVerLessThan", ValueKind.SEMVER,
            SemVerMatcher.comparing(SemVerMatcher.Comparison.LESS_THAN)),
    SEM_VER_GREATER_THAN("semVerGreaterThan", ValueKind.SEMVER,
            SemVerMatcher.comparing(SemVerMatcher.Comparison.GREATER_THAN)),
    IN_CIDR("inCidr", ValueKind.CIDR, CidrMatcher::of),
    /** Membership in the environment's segments; compiled against them, not into a {@link ClauseMatcher}. */
    SEGMENT_MATCH("segmentMatch", ValueKind.SEGMENT_KEY, null);

    /**
     * What each value of a clause must be for its operator. The validator gives every kind its check (an exhaustive
     * switch, so a new kind does not build until it has one); the matcher factory parses the same values again.
     */
    public enum ValueKind {
        /** A string, number or boolean. */
        SCALAR,
        /** A string. */
        STRING,
        /** An RE2 regular expression string. */
        REGEX,
        /** A JSON number. */
        NUMBER,
        /** An ISO-8601 date-time string or integral epoch milliseconds. */
        DATE,
        /** A semantic version string. */
        SEMVER,
        /** An IPv4 or IPv6 CIDR block, or a bare address. */
        CIDR,
        /** The key of a segment of the same environment. */
        SEGMENT_KEY
    }

    /** Builds an operator's matcher from the clause values; {@code operator} is the wire name, for messages. */
    @FunctionalInterface
    interface MatcherFactory {
        ClauseMatcher create(String operator, List<JsonNode> values) throws InvalidClauseValueException;
    }

    private static final Map<String, Operator> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Operator::wireName, Function.identity()));

    private final String wireName;
    private final ValueKind valueKind;
    private final MatcherFactory matcherFactory;

    Operator(String wireName, ValueKind valueKind, MatcherFactory matcherFactory) {
        this.wireName = wireName;
        this.valueKind = valueKind;
        this.matcherFactory = matcherFactory;
    }

    /** The operator whose wire name is {@code wireName}, or null for a name format v1 does not have (or null). */
    public static Operator fromWireName(String wireName) {
        return wireName == null ? null : BY_WIRE_NAME.get(wireName);
    }

    /** The wire names in documentation order, comma-separated: "in, startsWith, …, segmentMatch". */
    public static String wireNameList() {
        return Arrays.stream(values()).map(Operator::wireName).collect(Collectors.joining(", "));
    }

    /** The name a clause's {@code operator} member holds, e.g. {@code startsWith}. */
    public String wireName() {
        return wireName;
    }

    public ValueKind valueKind() {
        return valueKind;
    }

    /**
     * Parses the clause values once, at compile time, into the matcher evaluations run. Throws for the first value
     * the operator cannot use, naming its index. Not for {@link #SEGMENT_MATCH}, which the clause compiler resolves
     * against the environment's segments.
     */
    public ClauseMatcher matcher(List<JsonNode> values) throws InvalidClauseValueException {
        if (matcherFactory == null) {
            throw new IllegalStateException(wireName + " is compiled against the segments, not into a matcher");
        }
        return matcherFactory.create(wireName, values);
    }
}
