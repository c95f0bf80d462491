package dev.vexil.eval.clause;

/** Thrown at compile time only: clause value {@code index} cannot be used by the operator. */
public final class InvalidClauseValueException extends Exception {
    private final int index;

    public InvalidClauseValueException(int index, String message) {
        super(message, null, false, false);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
