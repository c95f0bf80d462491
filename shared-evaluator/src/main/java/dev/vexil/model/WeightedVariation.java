package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A rollout bucket: {@code weight} is in thousandths of a percent (100000 = 100%). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WeightedVariation(int variation, int weight) {
}
