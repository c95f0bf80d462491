package dev.vexil.validate;

import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0.0 syntax (the regular expression published on semver.org), with the evaluator's
 * leniency: a missing minor or patch counts as 0 ({@code 1.2} is {@code 1.2.0}).
 */
final class SemVerSyntax {
    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?)?"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private SemVerSyntax() {
    }

    static boolean isValid(String version) {
        return version.length() <= 256 && SEMVER.matcher(version).matches();
    }
}
