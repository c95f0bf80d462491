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
    /** The context is unusable (null, or missing a key). */
    INVALID_CONTEXT,
    /** An unexpected exception; evaluations never throw. */
    EXCEPTION
}
