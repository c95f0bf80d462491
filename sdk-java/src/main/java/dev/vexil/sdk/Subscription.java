package dev.vexil.sdk;

/** A registered listener; {@link #cancel()} removes it. Cancelling twice is harmless. */
@FunctionalInterface
public interface Subscription {
    void cancel();
}
