package dev.vexil.bench.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.util.List;

/** The three flags of SCENARIOS.md, built through the model records, in one snapshot. */
public final class ScenarioFlags {
    public static final String S1 = "s1-simple";
    public static final String S2 = "s2-rollout";
    public static final String S3 = "s3-targeting";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ScenarioFlags() {
    }

    public static Snapshot snapshot() {
        return new Snapshot(Snapshot.CURRENT_SCHEMA_VERSION, "bench", "bench", 1L, "2026-12-01T00:00:00Z",
                List.of(s1(), s2(), s3()), List.of(), null);
    }

    private static List<Variation> booleans() {
        return List.of(new Variation(JSON.booleanNode(true), "true"), new Variation(JSON.booleanNode(false), "false"));
    }

    /** On, no rules, fallthrough serves true. */
    private static Flag s1() {
        return new Flag(S1, FlagType.BOOLEAN, booleans(), 1L, true, 1, null, List.of(), List.of(), List.of(),
                Serve.variation(0), null);
    }

    /** Fallthrough: 50/50 rollout of true/false by the user key. */
    private static Flag s2() {
        return new Flag(S2, FlagType.BOOLEAN, booleans(), 1L, true, 1, null, List.of(), List.of(), List.of(),
                Serve.rollout(new Rollout("key", List.of(new WeightedVariation(0, 50_000),
                        new WeightedVariation(1, 50_000)))), null);
    }

    /** A, B, default: email endsWith @example.com → A; country in 5 → B; plan enterprise → A; else 25% B / 75% default. */
    private static Flag s3() {
        List<Variation> variations = List.of(new Variation(JSON.textNode("A"), null),
                new Variation(JSON.textNode("B"), null), new Variation(JSON.textNode("default"), null));
        List<Rule> rules = List.of(
                new Rule("example-com", List.of(new Clause("email", "endsWith", List.of(JSON.textNode("@example.com")),
                        false)), Serve.variation(0)),
                new Rule("eu5", List.of(new Clause("country", "in", List.of(JSON.textNode("DE"), JSON.textNode("FR"),
                        JSON.textNode("IT"), JSON.textNode("ES"), JSON.textNode("NL")), false)), Serve.variation(1)),
                new Rule("enterprise", List.of(new Clause("plan", "in", List.of(JSON.textNode("enterprise")), false)),
                        Serve.variation(0)));
        return new Flag(S3, FlagType.STRING, variations, 1L, true, 2, null, List.of(), List.of(), rules,
                Serve.rollout(new Rollout("key", List.of(new WeightedVariation(1, 25_000),
                        new WeightedVariation(2, 75_000)))), null);
    }
}
