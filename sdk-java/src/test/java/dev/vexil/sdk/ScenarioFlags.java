package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Serve;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.util.List;

/**
 * Boolean flags (variation 0 = true named "on", 1 = false named "off"; off variation 1), one per kind of result,
 * shared by the SDK's and the OpenFeature provider's tests. Their comments say what a context gets.
 */
public final class ScenarioFlags {
    private static final List<Variation> ON_OFF = List.of(new Variation(BooleanNode.TRUE, "on"),
            new Variation(BooleanNode.FALSE, "off"));
    private static final Serve EVEN_SPLIT = Serve.rollout(new Rollout(null,
            List.of(new WeightedVariation(0, 50_000), new WeightedVariation(1, 50_000))));

    private ScenarioFlags() {
    }

    private static Flag bool(String key, boolean on, List<Target> targets, List<Prerequisite> prerequisites,
                             List<Rule> rules, Serve fallthrough) {
        return new Flag(key, FlagType.BOOLEAN, ON_OFF, 1L, on, 1, null, targets, prerequisites, rules, fallthrough,
                null);
    }

    /** On, nothing to target: true for every context (reason STATIC). */
    public static Flag staticFlag(String key) {
        return bool(key, true, null, null, null, Serve.variation(0));
    }

    /** Off: false (DISABLED). */
    public static Flag disabledFlag(String key) {
        return bool(key, false, null, null, null, Serve.variation(0));
    }

    /**
     * True for the key {@code vip} (target), for {@code plan = "pro"} (rule {@code pro-users}); else false
     * (fallthrough, DEFAULT).
     */
    public static Flag targetedFlag(String key) {
        Rule pro = new Rule("pro-users", List.of(new Clause("plan", "in", List.of(TextNode.valueOf("pro")), false)),
                Serve.variation(0));
        return bool(key, true, List.of(new Target(0, List.of("vip"))), null, List.of(pro), Serve.variation(1));
    }

    /** A 50/50 rollout by the key in the fallthrough (SPLIT; TARGETING_KEY_MISSING without a key). */
    public static Flag rolloutFlag(String key) {
        return bool(key, true, null, null, null, EVEN_SPLIT);
    }

    /** A 50/50 rollout by the key in rule {@code everyone}, which has no clauses (SPLIT). */
    public static Flag ruleRolloutFlag(String key) {
        return bool(key, true, null, null, List.of(new Rule("everyone", List.of(), EVEN_SPLIT)),
                Serve.variation(1));
    }

    /** True when {@code parent} serves true, else its off variation false (PREREQUISITE_FAILED). */
    public static Flag prerequisiteFlag(String key, String parent) {
        return bool(key, true, null, List.of(new Prerequisite(parent, 0)), null, Serve.variation(0));
    }

    /** A rollout on the {@code organization} kind: a context without one is INVALID_CONTEXT. */
    public static Flag organizationRolloutFlag(String key) {
        return bool(key, true, null, null, null, Serve.rollout(new Rollout(null,
                List.of(new WeightedVariation(0, 50_000), new WeightedVariation(1, 50_000)), "organization")));
    }

    /** True when the one clause {@code attribute operator value} matches (rule {@code clause}), else false. */
    public static Flag clauseFlag(String key, String attribute, String operator, JsonNode value) {
        Rule rule = new Rule("clause", List.of(new Clause(attribute, operator, List.of(value), false)),
                Serve.variation(0));
        return bool(key, true, null, null, List.of(rule), Serve.variation(1));
    }

    /** On, but its fallthrough serves a variation that does not exist: MALFORMED_FLAG. */
    public static Flag malformedFlag(String key) {
        return bool(key, true, null, null, null, Serve.variation(7));
    }
}
