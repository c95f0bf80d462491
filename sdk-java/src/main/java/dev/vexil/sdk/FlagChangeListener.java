package dev.vexil.sdk;

/**
 * Told when one flag's configuration (or anything its result depends on: a segment it uses, a prerequisite, the
 * kill list, staleness) changed. Called on the client's listener thread, never on the poller thread; keep it short.
 */
@FunctionalInterface
public interface FlagChangeListener {
    /** Called once per change that may alter this flag's results, in the order the changes happened. */
    void onFlagChange(FlagChangeEvent event);
}
