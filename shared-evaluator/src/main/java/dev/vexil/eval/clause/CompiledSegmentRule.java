package dev.vexil.eval.clause;

import dev.vexil.eval.Context;
import dev.vexil.eval.bucket.Bucketing;
import dev.vexil.eval.bucket.SaltedBucketer;

/**
 * A segment rule: all clauses match and, if the rule has a weight, the context's bucket (segment salt, bucketBy
 * attribute of the rule's context kind) is below it. A bucketBy attribute that is missing or unusable falls back
 * to the context key, as flag rollouts do. A keyless context that would need its key is not admitted by a weighted
 * rule (a segment test is a yes/no question, so it cannot report TARGETING_KEY_MISSING as a rollout does).
 */
final class CompiledSegmentRule {
    static final int NO_WEIGHT = -1;

    private final CompiledClause[] clauses;
    private final int weight;
    private final String bucketBy;
    private final String contextKind;
    private final SaltedBucketer bucketer;

    CompiledSegmentRule(CompiledClause[] clauses, int weight, String bucketBy, String contextKind,
                        SaltedBucketer bucketer) {
        this.clauses = clauses;
        this.weight = weight;
        this.bucketBy = bucketBy;
        this.contextKind = contextKind;
        this.bucketer = bucketer;
    }

    boolean matches(Context context) {
        for (CompiledClause clause : clauses) {
            if (!clause.matches(context)) {
                return false;
            }
        }
        if (weight == NO_WEIGHT) {
            return true;
        }
        Context part = context.forKind(contextKind);
        if (part == null) {
            return false;
        }
        int bucket = Bucketing.bucketOf(part, bucketBy, bucketer);
        if (bucket == Bucketing.UNUSABLE) {
            String key = part.key();
            if (key == null) {
                return false;
            }
            bucket = bucketer.bucket(key);
        }
        return bucket < weight;
    }
}
