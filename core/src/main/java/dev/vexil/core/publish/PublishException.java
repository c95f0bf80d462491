package dev.vexil.core.publish;

/** A publish that could not complete (storage unreachable, throttled, ...). The compiler retries the batch. */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
