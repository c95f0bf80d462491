package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One environment's targeting for a flag: the body of
 * {@code PUT /v1/projects/{project}/environments/{env}/flags/{flag}}.
 * {@code salt} defaults to the flag key when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlagConfig(
        boolean on,
        Integer offVariation,
        String salt,
        List<Target> targets,
        List<Prerequisite> prerequisites,
        List<Rule> rules,
        Serve fallthrough,
        StalenessPolicy staleness) {

    public FlagConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * What a flag has in an environment where nobody has configured it yet: off, no off variation (so SDKs serve
     * the caller's default), and a fallthrough to the first variation so that the configuration is valid and
     * turning it on without further targeting serves that variation (as LaunchDarkly's new-flag default does).
     */
    public static FlagConfig notConfigured() {
        return new FlagConfig(false, null, null, null, null, null, Serve.variation(0), null);
    }

    /** The same targeting with the flag turned off (what the kill switch writes). */
    public FlagConfig turnedOff() {
        return new FlagConfig(false, offVariation, salt, targets, prerequisites, rules, fallthrough, staleness);
    }
}
