package dev.vexil.core.release;

/** The principals release automation writes flag changes as (their history entries name the human behind them). */
public final class ReleasePrincipals {
    /** Applies due schedules and rollout steps. */
    public static final String SCHEDULER = "vexil:scheduler";
    /** Restores a flag when a guard alarm fires. */
    public static final String GUARD = "vexil:guard";

    private ReleasePrincipals() {
    }
}
