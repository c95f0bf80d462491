package dev.vexil.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.model.Rollout;
import dev.vexil.model.Serve;
import dev.vexil.model.WeightedVariation;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallthroughRampTest {

    @Test
    void aFixedFallthroughGivesTheRestToItsVariation() {
        Serve step = FallthroughRamp.at(Serve.variation(1), 0, 12.5);
        assertThat(step.rollout().variations()).containsExactly(new WeightedVariation(0, 12_500),
                new WeightedVariation(1, 87_500));
        assertThat(step.rollout().bucketBy()).isNull();
    }

    @Test
    void aRolloutFallthroughSharesTheRestInItsProportionsWithItsBucketingKept() {
        Serve before = Serve.rollout(new Rollout("orgId", List.of(new WeightedVariation(1, 60_000),
                new WeightedVariation(2, 40_000)), "organization"));
        Serve step = FallthroughRamp.at(before, 0, 25);
        assertThat(step.rollout().variations()).containsExactly(new WeightedVariation(0, 25_000),
                new WeightedVariation(1, 45_000), new WeightedVariation(2, 30_000));
        assertThat(step.rollout().bucketBy()).isEqualTo("orgId");
        assertThat(step.rollout().contextKind()).isEqualTo("organization");
        assertThat(step.rollout().variations().stream().mapToInt(WeightedVariation::weight).sum())
                .isEqualTo(100_000);
    }

    @Test
    void oneHundredPercentIsTheFixedVariation() {
        assertThat(FallthroughRamp.at(Serve.variation(1), 0, 100)).isEqualTo(Serve.variation(0));
    }

    @Test
    void weightsAlwaysSumToTheWholeWhenSharesDoNotDivide() {
        Serve before = Serve.rollout(new Rollout(null, List.of(new WeightedVariation(1, 33_333),
                new WeightedVariation(2, 33_333), new WeightedVariation(3, 33_334))));
        Serve step = FallthroughRamp.at(before, 0, 0.7);
        assertThat(step.rollout().variations().get(0)).isEqualTo(new WeightedVariation(0, 700));
        assertThat(step.rollout().variations().stream().mapToInt(WeightedVariation::weight).sum())
                .isEqualTo(100_000);
    }
}
