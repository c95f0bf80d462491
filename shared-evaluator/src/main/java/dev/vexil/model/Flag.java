package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A flag as it appears in a snapshot: its definition's evaluation-relevant fields merged with one
 * environment's {@link FlagConfig}. {@code version} is the version of that environment's configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Flag(
        String key,
        FlagType type,
        List<Variation> variations,
        Long version,
        boolean on,
        Integer offVariation,
        String salt,
        List<Target> targets,
        List<Prerequisite> prerequisites,
        List<Rule> rules,
        Serve fallthrough,
        StalenessPolicy staleness) {

    public Flag {
        variations = variations == null ? List.of() : List.copyOf(variations);
        targets = targets == null ? List.of() : List.copyOf(targets);
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Merges a definition with one environment's configuration. */
    public static Flag of(FlagDefinition definition, FlagConfig config, Long version) {
        return new Flag(definition.key(), definition.type(), definition.variations(), version,
                config.on(), config.offVariation(), config.salt(), config.targets(), config.prerequisites(),
                config.rules(), config.fallthrough(), config.staleness());
    }

    public String effectiveSalt() {
        return salt == null || salt.isEmpty() ? key : salt;
    }

    /** The environment-specific part, e.g. for diffs and the admin API. */
    public FlagConfig config() {
        return new FlagConfig(on, offVariation, salt, targets, prerequisites, rules, fallthrough, staleness);
    }
}
