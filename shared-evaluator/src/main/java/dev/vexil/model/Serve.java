package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What a rule or the fallthrough serves: exactly one of a fixed {@code variation} or a {@code rollout}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Serve(Integer variation, Rollout rollout) {
    public static Serve variation(int index) {
        return new Serve(index, null);
    }

    public static Serve rollout(Rollout rollout) {
        return new Serve(null, rollout);
    }
}
