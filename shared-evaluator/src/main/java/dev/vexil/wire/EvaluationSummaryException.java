package dev.vexil.wire;

/** An evaluation summary that is not one: {@link #path()} names the member ("" for the whole body). */
public final class EvaluationSummaryException extends Exception {
    private final String path;

    public EvaluationSummaryException(String path, String message) {
        super((path.isEmpty() ? "" : path + ": ") + message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
