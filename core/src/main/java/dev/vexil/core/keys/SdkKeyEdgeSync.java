package dev.vexil.core.keys;

import dev.vexil.core.store.SdkKeyRecord;

/**
 * The port that makes the edge's view of one SDK key agree with the table (the source of truth): an active key's
 * hash maps to its environment, a revoked key's hash maps to nothing. On AWS the edge reads a CloudFront
 * KeyValueStore that a stream consumer keeps in step; a write that failed for good (a revocation in the
 * dead-letter queue) leaves drift that this repairs ({@code dev.vexil.functions.keys.SdkKeyReconciler}). Local mode's
 * edge reads the repository itself, so there is nothing to repair: {@link #READS_REPOSITORY}.
 */
public interface SdkKeyEdgeSync {

    /** What a resync did. */
    enum Action {
        /** The edge already agreed with the table. */
        IN_SYNC,
        /** The key's hash was missing or pointed elsewhere, and now maps to its environment. */
        PUT,
        /** A revoked key's hash was still present and is now removed. */
        DELETED,
        /** This edge reads the table directly: it cannot drift. */
        NOT_APPLICABLE
    }

    record Outcome(Action action, String detail) {
    }

    /** Makes the edge agree with {@code key} as stored; throws if the edge cannot be read or written. */
    Outcome resync(SdkKeyRecord key);

    /** For an edge that looks keys up in the repository (local mode): always consistent, nothing to write. */
    SdkKeyEdgeSync READS_REPOSITORY = key -> new Outcome(Action.NOT_APPLICABLE,
            "this edge reads SDK keys from the repository directly; there is no copy to repair");
}
