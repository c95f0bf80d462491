package dev.vexil.eval;

import dev.vexil.eval.bucket.Bucketing;
import dev.vexil.eval.bucket.SaltedBucketer;

/**
 * Serves a weighted variation chosen by the context's bucket: the first variation whose cumulative weight (in
 * declared order) exceeds the bucket; buckets beyond the total weight get the last variation. When the bucketBy
 * attribute is missing or unusable the context key is used instead, and the result's note says so. A keyless
 * context that would need its key gets {@link ErrorKind#TARGETING_KEY_MISSING}.
 */
final class PercentageRollout implements CompiledServe {
    private final String contextKind;
    private final String bucketBy;
    private final SaltedBucketer bucketer;
    private final int[] cumulativeWeights;
    private final EvaluationResult[] results;
    private final EvaluationResult[] keyFallbackResults;
    private final EvaluationResult missingKindResult;
    private final EvaluationResult missingKeyResult;

    PercentageRollout(String contextKind, String bucketBy, SaltedBucketer bucketer, int[] cumulativeWeights,
                      EvaluationResult[] results, EvaluationResult[] keyFallbackResults,
                      EvaluationResult missingKindResult, EvaluationResult missingKeyResult) {
        this.contextKind = contextKind;
        this.bucketBy = bucketBy;
        this.bucketer = bucketer;
        this.cumulativeWeights = cumulativeWeights;
        this.results = results;
        this.keyFallbackResults = keyFallbackResults;
        this.missingKindResult = missingKindResult;
        this.missingKeyResult = missingKeyResult;
    }

    @Override
    public EvaluationResult serve(Context context) {
        Context part = context.forKind(contextKind);
        if (part == null) {
            return missingKindResult;
        }
        EvaluationResult[] chosen = results;
        int bucket = Bucketing.bucketOf(part, bucketBy, bucketer);
        if (bucket == Bucketing.UNUSABLE) {
            String key = part.key();
            if (key == null) {
                return missingKeyResult;
            }
            bucket = bucketer.bucket(key);
            chosen = keyFallbackResults;
        }
        int[] cumulative = cumulativeWeights;
        for (int i = 0; i < cumulative.length; i++) {
            if (bucket < cumulative[i]) {
                return chosen[i];
            }
        }
        return chosen[chosen.length - 1];
    }
}
