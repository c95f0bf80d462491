package dev.vexil.core.release;

import dev.vexil.model.Rollout;
import dev.vexil.model.Serve;
import dev.vexil.model.WeightedVariation;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallthrough of a rollout step: the released variation takes the first {@code percent} of the buckets, the
 * fallthrough the flag had before the plan shares the rest in its own proportions. The released variation is
 * listed first, so its buckets are always {@code [0, weight)}: a context that has it at p% (same salt, same
 * bucketBy, same context kind as before the plan) keeps it at every q > p. Weights are in thousandths of a percent.
 */
final class FallthroughRamp {
    static final int TOTAL = 100_000;

    private FallthroughRamp() {
    }

    static int weight(double percent) {
        return (int) Math.round(percent * 1000);
    }

    static Serve at(Serve base, int variation, double percent) {
        int released = weight(percent);
        if (released >= TOTAL) {
            return Serve.variation(variation);
        }
        int rest = TOTAL - released;
        List<WeightedVariation> weights = new ArrayList<>();
        weights.add(new WeightedVariation(variation, released));
        if (base.rollout() == null) {
            weights.add(new WeightedVariation(base.variation() == null ? 0 : base.variation(), rest));
            return Serve.rollout(new Rollout(null, weights, null));
        }
        List<WeightedVariation> before = base.rollout().variations();
        int given = 0;
        for (int i = 0; i < before.size(); i++) {
            int share = i == before.size() - 1 ? rest - given
                    : (int) ((long) before.get(i).weight() * rest / TOTAL);
            given += share;
            weights.add(new WeightedVariation(before.get(i).variation(), share));
        }
        return Serve.rollout(new Rollout(base.rollout().bucketBy(), weights, base.rollout().contextKind()));
    }
}
