package dev.vexil.snapshot;

/** A snapshot whose origin cannot be verified: unsigned, signed by an untrusted key, or with a bad signature. */
public final class SnapshotSignatureException extends SnapshotFormatException {
    public SnapshotSignatureException(String message) {
        super(message);
    }
}
