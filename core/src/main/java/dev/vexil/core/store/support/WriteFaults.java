package dev.vexil.core.store.support;

/**
 * A hook the adapters call after each write of a change that has more than one, so the contract suite can make
 * the process "die" between two writes (by throwing from here) and check that the next read, write or compile
 * repairs the state. Production wiring uses {@link #NONE}.
 */
@FunctionalInterface
public interface WriteFaults {
    WriteFaults NONE = step -> { };

    /** Called after the write named {@code step} succeeded; an exception here stops the change right there. */
    void afterWrite(Step step);

    /** The writes of one change, in order. */
    enum Step {
        /** The history entry of the version the head held before (idempotent; normally present already). */
        PREVIOUS_HISTORY,
        /** The head moved to the new version: the commit point. */
        HEAD,
        /** The history entry of the new version. */
        HISTORY
    }

    /** What a test throws from {@link #afterWrite} to stand for the process dying there. */
    final class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(Step step) {
            super("simulated crash after " + step);
        }
    }
}
