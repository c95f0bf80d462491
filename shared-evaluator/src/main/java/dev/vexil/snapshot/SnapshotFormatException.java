package dev.vexil.snapshot;

/** A snapshot document that must be refused: not JSON, truncated, wrong hash, or an unknown schemaVersion. */
public class SnapshotFormatException extends Exception {
    public SnapshotFormatException(String message) {
        super(message);
    }

    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
