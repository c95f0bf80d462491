package dev.vexil.sdk;

/** A registered listener; {@link #cancel()} removes it. Cancelling twice is harmless. */
@FunctionalInterface
public interface Subscription {
    /** Removes the listener: it is not called for events after this returns. */
    void cancel();
}
