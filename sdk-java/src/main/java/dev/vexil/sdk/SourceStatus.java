package dev.vexil.sdk;

import java.time.Clock;
import java.time.Instant;

/**
 * What the client's data source says about itself, for {@link VexilClient#status()}: whether it is polling, the
 * last problem, how many cycles in a row failed, whether the key was refused, and whether nothing can arrive any
 * more. Its owner (the {@link Poller}, or offline start-up loading) is its only writer; everyone else only reads,
 * so the owner never needs to call back into the client.
 */
final class SourceStatus {
    private final Clock clock;
    private volatile boolean running;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile int consecutiveFailures; // written by the owner's thread only
    private volatile boolean keyRefused;
    private volatile boolean gaveUp;

    SourceStatus(Clock clock) {
        this.clock = clock;
    }

    // ---------------------------------------------------------------- the owner writes

    void running(boolean value) {
        running = value;
    }

    /** A problem that does not count as a failed cycle (e.g. an unusable bootstrap file, a cache write). */
    void problem(String problem) {
        lastError = problem;
        lastErrorAt = clock.instant();
    }

    /** A failed cycle; returns how many failed in a row now. */
    int failed(String problem) {
        consecutiveFailures++;
        problem(problem);
        return consecutiveFailures;
    }

    /** A successful cycle; returns how many had failed in a row before it. */
    int succeeded() {
        int before = consecutiveFailures;
        consecutiveFailures = 0;
        return before;
    }

    /** The edge accepted the SDK key (answered other than 401/403); returns whether it had been refused before. */
    boolean keyAccepted() {
        boolean wasRefused = keyRefused;
        keyRefused = false;
        return wasRefused;
    }

    /**
     * The edge refused the SDK key: a failed cycle; polling goes on slowly until the key works again. Returns whether
     * the key was accepted before (so that the owner logs the refusal once, not every retry).
     */
    boolean keyRefused(String problem) {
        boolean wasAccepted = !keyRefused;
        keyRefused = true;
        failed(problem);
        return wasAccepted;
    }

    /** Nothing is served and nothing can arrive any more: waiting for initialisation is pointless. */
    void giveUp() {
        gaveUp = true;
    }

    // ---------------------------------------------------------------- anyone reads

    boolean running() {
        return running;
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    boolean keyRefused() {
        return keyRefused;
    }

    boolean gaveUp() {
        return gaveUp;
    }
}
