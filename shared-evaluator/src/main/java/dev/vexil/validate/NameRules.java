package dev.vexil.validate;

/** Human-readable names: at most {@link LimitRules#MAX_NAME_LENGTH} characters (code points). */
final class NameRules {
    private NameRules() {
    }

    static void length(String value, String path, ProblemCollector problems) {
        int length = value.codePointCount(0, value.length());
        if (length > LimitRules.MAX_NAME_LENGTH) {
            problems.add(path, "is " + length + " characters long; at most " + LimitRules.MAX_NAME_LENGTH
                    + " are allowed");
        }
    }
}
