package dev.vexil.core.publish;

/**
 * What a publish did. {@code PUBLISHED}: the current pointer now holds this version. {@code UNCHANGED}: the current
 * object already holds this version (the version is the environment's change counter, so it names one state);
 * nothing was written (no ETag churn). {@code SUPERSEDED}: a newer version is already current; nothing was
 * replaced.
 */
public enum PublishOutcome {
    PUBLISHED, UNCHANGED, SUPERSEDED
}
