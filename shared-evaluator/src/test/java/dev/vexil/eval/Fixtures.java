package dev.vexil.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.StalenessPolicy;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders for model records, so that tests read like the flags they describe. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    static Snapshot snapshot(Flag... flags) {
        return snapshot(List.of(flags), List.of());
    }

    static Snapshot snapshot(List<Flag> flags, List<Segment> segments) {
        return new Snapshot(1, "p", "prod", 42L, "2026-12-01T00:00:00Z", flags, segments, null);
    }

    static CompiledEnvironment compile(Flag... flags) {
        return CompiledEnvironment.compile(snapshot(flags));
    }

    static Clause clause(String attribute, String operator, Object... values) {
        return new Clause(attribute, operator, Arrays.stream(values).map(Fixtures::json).toList(), false);
    }

    static Clause not(Clause c) {
        return new Clause(c.attribute(), c.operator(), c.values(), !c.negate(), c.contextKind());
    }

    static Clause ofKind(String kind, Clause c) {
        return new Clause(c.attribute(), c.operator(), c.values(), c.negate(), kind);
    }

    static Serve serve(int variation) {
        return Serve.variation(variation);
    }

    static Serve rollout(String bucketBy, int... variationWeightPairs) {
        return rolloutOfKind(null, bucketBy, variationWeightPairs);
    }

    static Serve rolloutOfKind(String kind, String bucketBy, int... variationWeightPairs) {
        List<WeightedVariation> wv = new ArrayList<>();
        for (int i = 0; i < variationWeightPairs.length; i += 2) {
            wv.add(new WeightedVariation(variationWeightPairs[i], variationWeightPairs[i + 1]));
        }
        return Serve.rollout(new Rollout(bucketBy, wv, kind));
    }

    static Rule rule(String id, Serve serve, Clause... clauses) {
        return new Rule(id, List.of(clauses), serve);
    }

    static Context user(String key, Object... nameValuePairs) {
        return context(Context.DEFAULT_KIND, key, nameValuePairs);
    }

    static Context context(String kind, String key, Object... nameValuePairs) {
        Context.Builder b = Context.builder(kind, key);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            String name = (String) nameValuePairs[i];
            Object v = nameValuePairs[i + 1];
            switch (v) {
                case String s -> b.set(name, s);
                case Number n -> b.set(name, n);
                case Boolean bool -> b.set(name, bool);
                case List<?> list -> b.set(name, list);
                default -> throw new IllegalArgumentException("unsupported attribute value " + v);
            }
        }
        return b.build();
    }

    static FlagBuilder flag(String key) {
        return new FlagBuilder(key);
    }

    /** A boolean flag: variation 0 = true, 1 = false; on; off variation 1; fallthrough 1 unless changed. */
    static FlagBuilder boolFlag(String key) {
        return new FlagBuilder(key).type(FlagType.BOOLEAN).variations(true, false).offVariation(1)
                .fallthrough(serve(1));
    }

    static final class FlagBuilder {
        private final String key;
        private FlagType type = FlagType.STRING;
        private List<Variation> variations = new ArrayList<>();
        private boolean on = true;
        private Integer offVariation;
        private String salt;
        private final List<Target> targets = new ArrayList<>();
        private final List<Prerequisite> prerequisites = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private Serve fallthrough;
        private StalenessPolicy staleness;

        FlagBuilder(String key) {
            this.key = key;
        }

        FlagBuilder type(FlagType t) {
            type = t;
            return this;
        }

        FlagBuilder variations(Object... values) {
            variations = new ArrayList<>();
            for (Object v : values) {
                variations.add(new Variation(json(v), null));
            }
            return this;
        }

        FlagBuilder on(boolean value) {
            on = value;
            return this;
        }

        FlagBuilder offVariation(Integer index) {
            offVariation = index;
            return this;
        }

        FlagBuilder salt(String value) {
            salt = value;
            return this;
        }

        FlagBuilder target(int variation, String... keys) {
            targets.add(new Target(variation, List.of(keys)));
            return this;
        }

        FlagBuilder targetOfKind(String kind, int variation, String... keys) {
            targets.add(new Target(variation, List.of(keys), kind));
            return this;
        }

        FlagBuilder prerequisite(String flag, int variation) {
            prerequisites.add(new Prerequisite(flag, variation));
            return this;
        }

        FlagBuilder rule(Rule r) {
            rules.add(r);
            return this;
        }

        FlagBuilder fallthrough(Serve s) {
            fallthrough = s;
            return this;
        }

        Flag build() {
            return new Flag(key, type, variations, 1L, on, offVariation, salt, targets, prerequisites, rules,
                    fallthrough, staleness);
        }
    }
}
