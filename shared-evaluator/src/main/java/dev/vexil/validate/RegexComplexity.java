package dev.vexil.validate;

/**
 * Estimates how large a regular expression becomes once RE2 expands its counted repetitions: {@code x{n,m}} is
 * compiled as m copies of x, so {@code ((a{100}){100}){100}} is a million instructions. RE2/J still runs in linear
 * time, but that time is proportional to this size, and such a pattern takes seconds just to compile. The estimate
 * walks the syntax once (groups, classes, escapes, quantifiers) and saturates instead of overflowing.
 */
final class RegexComplexity {
    /** Up to this expanded size a pattern compiles in well under a millisecond. */
    static final long MAX_EXPANDED_SIZE = 10_000;

    private final String pattern;
    private int position;

    private RegexComplexity(String pattern) {
        this.pattern = pattern;
    }

    /** The approximate number of compiled instructions of {@code pattern} (already known to be valid RE2 syntax). */
    static long expandedSize(String pattern) {
        RegexComplexity estimator = new RegexComplexity(pattern);
        long size = 0;
        while (estimator.position < pattern.length()) {
            size = add(size, estimator.alternation()); // a stray ')' cannot occur in valid syntax; skip it anyway
            estimator.position++;
        }
        return size;
    }

    /** Branches up to the closing ')' (not consumed) or the end; their sizes add up. */
    private long alternation() {
        long size = 0;
        while (position < pattern.length() && pattern.charAt(position) != ')') {
            if (pattern.charAt(position) == '|') {
                position++;
                continue;
            }
            long atom = atom();
            size = add(size, multiply(atom, quantifier()));
        }
        return size;
    }

    private long atom() {
        char c = pattern.charAt(position++);
        switch (c) {
            case '(' -> {
                if (position < pattern.length() && pattern.charAt(position) == '?') {
                    skipGroupFlags();
                }
                long inner = alternation();
                position++; // ')'
                return Math.max(1, inner);
            }
            case '[' -> {
                skipClass();
                return 1;
            }
            case '\\' -> {
                skipEscape();
                return 1;
            }
            default -> {
                return 1;
            }
        }
    }

    /** The repeat factor of a quantifier at the current position (1 for none, *, + and ?). */
    private long quantifier() {
        if (position >= pattern.length()) {
            return 1;
        }
        char c = pattern.charAt(position);
        long factor = 1;
        if (c == '*' || c == '+' || c == '?') {
            position++;
        } else if (c == '{') {
            int close = pattern.indexOf('}', position);
            String body = close < 0 ? "" : pattern.substring(position + 1, close);
            if (!body.matches("\\d+(,\\d*)?")) {
                return 1; // a literal '{'
            }
            String[] bounds = body.split(",", -1);
            long min = parse(bounds[0]);
            long max = bounds.length == 1 ? min : bounds[1].isEmpty() ? min + 1 : parse(bounds[1]);
            factor = Math.max(1, Math.max(min, max));
            position = close + 1;
        } else {
            return 1;
        }
        if (position < pattern.length() && pattern.charAt(position) == '?') {
            position++; // non-greedy
        }
        return factor;
    }

    private void skipGroupFlags() {
        // (?:…), (?i:…), (?P<name>…), or a flag-only group (?i) that ends at its ')'.
        while (position < pattern.length()) {
            char c = pattern.charAt(position);
            if (c == ':' || c == '>') {
                position++;
                return;
            }
            if (c == ')') {
                return;
            }
            position++;
        }
    }

    private void skipClass() {
        if (position < pattern.length() && pattern.charAt(position) == '^') {
            position++;
        }
        if (position < pattern.length() && pattern.charAt(position) == ']') {
            position++; // a leading ']' is literal
        }
        while (position < pattern.length() && pattern.charAt(position) != ']') {
            if (pattern.charAt(position) == '\\') {
                position++;
            } else if (pattern.startsWith("[:", position)) {
                int end = pattern.indexOf(":]", position + 2);
                position = end < 0 ? position : end + 1;
            }
            position++;
        }
        position++; // ']'
    }

    private void skipEscape() {
        if (position >= pattern.length()) {
            return;
        }
        char c = pattern.charAt(position++);
        if ((c == 'p' || c == 'P' || c == 'x') && position < pattern.length() && pattern.charAt(position) == '{') {
            int close = pattern.indexOf('}', position);
            position = close < 0 ? pattern.length() : close + 1;
        } else if (c == 'Q') {
            int end = pattern.indexOf("\\E", position);
            position = end < 0 ? pattern.length() : end + 2;
        }
    }

    private static long parse(String digits) {
        return digits.length() > 9 ? Long.MAX_VALUE / 2 : Long.parseLong(digits);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
