package dev.vexil.eval;

/** The kind of an {@link ReasonKind#ERROR} result. The caller's default value is served. */
public enum ErrorKind {
    /** No flag with that key in the snapshot. */
    FLAG_NOT_FOUND,
    /** The caller asked for a type the flag does not have. */
    WRONG_TYPE,
    /** The flag's data cannot be evaluated (e.g. a variation index out of range, a prerequisite cycle). */
    MALFORMED_FLAG,
    /** No snapshot has been loaded yet. */
    NOT_READY,
    /** The context is unusable: null where the flag needs one, or lacking the kind a rollout buckets by. */
    INVALID_CONTEXT,
    /**
     * The context has no key, and a percentage rollout needed one: it buckets by the key, or by a {@code bucketBy}
     * attribute the context lacks (the key is the fallback).
     */
    TARGETING_KEY_MISSING,
    /** An unexpected exception; evaluations never throw. */
    EXCEPTION
}
