package dev.vexil.sdk;

/**
 * Told when one flag's configuration (or anything its result depends on: a segment it uses, a prerequisite, the
 * kill list, staleness) changed. Called on the client's listener thread, never on the poller thread; keep it short.
 */
@FunctionalInterface
public interface FlagChangeListener {
    void onFlagChange(FlagChangeEvent event);
}
