package dev.vexil.wire;

import java.util.Objects;

/**
 * One environment of one project, written {@code <project>/<env>}: the value the CloudFront KeyValueStore maps an
 * SDK-key hash to, and what the local edge's key lookup returns. {@link #toString()} and {@link #parse} are
 * inverses.
 *
 * <p>Only the separator is checked here: neither part may be empty or contain {@code /}, so that the written form
 * always reads back the same. Whether a part is a valid key ({@code dev.vexil.validate.KeyRules}) is for the
 * caller that takes it from outside (the admin API, a stream record) to check.
 *
 * @param project     the project key
 * @param environment the environment key
 */
public record EnvironmentId(String project, String environment) {
    public static final char SEPARATOR = '/';

    public EnvironmentId {
        requirePart(project, "project");
        requirePart(environment, "environment");
    }

    /** Reads {@code <project>/<env>}; throws {@link IllegalArgumentException} for any other shape. */
    public static EnvironmentId parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf(SEPARATOR);
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf(SEPARATOR, slash + 1) >= 0) {
            throw new IllegalArgumentException("expected <project>/<environment>, got \"" + text + "\"");
        }
        return new EnvironmentId(text.substring(0, slash), text.substring(slash + 1));
    }

    private static void requirePart(String part, String name) {
        Objects.requireNonNull(part, name);
        if (part.isEmpty() || part.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException(name + " must be non-empty and without '" + SEPARATOR + "', got \""
                    + part + "\"");
        }
    }

    /** {@code <project>/<env>}, e.g. {@code shop/production}. */
    @Override
    public String toString() {
        return project + SEPARATOR + environment;
    }
}
