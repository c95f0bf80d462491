package dev.vexil.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits by polling a condition, with a generous timeout: what a user would observe, never a fixed sleep. */
final class Eventually {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, TIMEOUT, condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** Waits until {@code value} equals {@code expected}; the failure message shows the last value seen. */
    static <T> void awaitEquals(String what, T expected, Supplier<T> value) {
        Object[] last = new Object[1];
        try {
            await(what + " is " + expected, () -> {
                last[0] = value.get();
                return expected.equals(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (last seen: " + last[0] + ")", e);
        }
    }
}
