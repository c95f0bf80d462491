package dev.vexil.sdk;

/**
 * A Number whose value cannot be read: set as a context attribute, it makes the evaluator fail in a way it cannot
 * foresee, so that tests can reach the {@code EXCEPTION} error path for real.
 */
public final class ExplodingNumber extends Number {
    private static final long serialVersionUID = 1L;

    private static IllegalStateException boom() {
        return new IllegalStateException("boom");
    }

    @Override
    public int intValue() {
        throw boom();
    }

    @Override
    public long longValue() {
        throw boom();
    }

    @Override
    public float floatValue() {
        throw boom();
    }

    @Override
    public double doubleValue() {
        throw boom();
    }
}
