package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A percentage rollout. Weights sum to 100000 and are accumulated in declared order.
 * {@code bucketBy} defaults to the context key; {@code contextKind} defaults to {@code user}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rollout(String bucketBy, List<WeightedVariation> variations, String contextKind) {
    public Rollout {
        variations = variations == null ? List.of() : List.copyOf(variations);
    }

    public Rollout(String bucketBy, List<WeightedVariation> variations) {
        this(bucketBy, variations, null);
    }
}
