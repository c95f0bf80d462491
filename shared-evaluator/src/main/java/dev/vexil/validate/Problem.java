package dev.vexil.validate;

/**
 * One validation problem: {@code path} locates the offending field in the JSON document, e.g.
 * {@code rules[2].clauses[0].values[1]}; {@code message} says what is wrong, e.g.
 * {@code expected a number for operator lessThan}. {@code toString()} gives {@code "path: message"}.
 */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
