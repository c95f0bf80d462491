package dev.vexil.bench.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import dev.vexil.model.Serve;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A large, realistic environment, generated identically every run (seeded): flags of every type with individual
 * targets, rules over email, country, plan, app version, age, sign-up date, IP and segments, percentage rollouts
 * and prerequisites; segments with included and excluded keys and rules. Valid under the strict validator.
 *
 * <p>{@link Profile#TYPICAL}: 45% of flags have no rule, 35% one or two, 15% three or four, 5% five to eight;
 * a rule has 1 (60%), 2 (30%) or 3 clauses; 20% of flags target 1 to 20 keys individually; 30% of serves are
 * rollouts; 5% of flags have a prerequisite; a segment lists up to 50 included and 5 excluded keys and has up to
 * 2 rules. {@link Profile#HEAVY}: every flag has 0 to 6 rules of 1 to 3 clauses, 30% target 5 to 50 keys, 40% of
 * serves are rollouts, segments list up to 100 included and 10 excluded keys.
 */
final class LargeEnvironment {
    enum Profile { TYPICAL, HEAVY }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL", "US", "GB", "JP", "BR", "IN", "CA", "AU"};
    private static final String[] PLANS = {"free", "pro", "enterprise"};
    private static final String[] DOMAINS = {"@example.com", "@corp.io", "@example.org", "@mail.example.net"};

    private final SplittableRandom random = new SplittableRandom(0x5EEDC0DEL);
    private final int segmentCount;
    private final boolean heavy;

    private LargeEnvironment(int segmentCount, Profile profile) {
        this.segmentCount = segmentCount;
        this.heavy = profile == Profile.HEAVY;
    }

    static EnvironmentState generate(int flags, int segments, Profile profile) {
        LargeEnvironment g = new LargeEnvironment(segments, profile);
        List<Segment> segmentList = new ArrayList<>(segments);
        for (int i = 0; i < segments; i++) {
            segmentList.add(g.segment(i));
        }
        List<Flag> flagList = new ArrayList<>(flags);
        for (int i = 0; i < flags; i++) {
            flagList.add(g.flag(i));
        }
        long counter = flags + segments + 1L + flags; // definitions, configs, segments, the environment
        return new EnvironmentState("bench", "production", counter, flagList, segmentList);
    }

    private Flag flag(int index) {
        String key = String.format("flag-%05d", index);
        int kind = random.nextInt(20);
        FlagType type = kind < 12 ? FlagType.BOOLEAN : kind < 17 ? FlagType.STRING : kind < 19 ? FlagType.NUMBER
                : FlagType.JSON;
        List<Variation> variations = variations(type);
        int n = variations.size();
        List<Target> targets = new ArrayList<>();
        if (random.nextInt(10) < (heavy ? 3 : 2)) {
            for (int t = 0, count = 1 + (random.nextInt(5) == 0 ? 1 : 0); t < count; t++) {
                targets.add(new Target(t % n, userKeys(heavy ? 5 + random.nextInt(46) : 1 + random.nextInt(20))));
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (int r = 0, count = ruleCount(); r < count; r++) {
            List<Clause> clauses = new ArrayList<>();
            for (int c = 0, cc = clauseCount(); c < cc; c++) {
                clauses.add(clause(true));
            }
            rules.add(new Rule("rule-" + r, null, clauses, serve(n)));
        }
        List<Prerequisite> prerequisites = index > 0 && random.nextInt(20) == 0
                ? List.of(new Prerequisite(String.format("flag-%05d", random.nextInt(index)), 0)) : List.of();
        return new Flag(key, type, variations, 1L + random.nextInt(40), random.nextInt(10) < 8, n - 1, null, targets,
                prerequisites, rules, serve(n), null);
    }

    private int ruleCount() {
        if (heavy) {
            return random.nextInt(7);
        }
        int p = random.nextInt(100);
        return p < 45 ? 0 : p < 80 ? 1 + random.nextInt(2) : p < 95 ? 3 + random.nextInt(2) : 5 + random.nextInt(4);
    }

    private int clauseCount() {
        if (heavy) {
            return 1 + random.nextInt(3);
        }
        int p = random.nextInt(10);
        return p < 6 ? 1 : p < 9 ? 2 : 3;
    }

    private List<Variation> variations(FlagType type) {
        return switch (type) {
            case BOOLEAN -> List.of(new Variation(JSON.booleanNode(true), "on"), new Variation(JSON.booleanNode(false), "off"));
            case STRING -> {
                List<Variation> vs = new ArrayList<>();
                for (int i = 0, count = 2 + random.nextInt(3); i < count; i++) {
                    vs.add(new Variation(JSON.textNode("variant-" + (char) ('a' + i)), "Variant " + (char) ('A' + i)));
                }
                yield vs;
            }
            case NUMBER -> List.of(new Variation(JSON.numberNode(10), "low"), new Variation(JSON.numberNode(100), "mid"),
                    new Variation(JSON.numberNode(1000), "high"));
            case JSON -> {
                ObjectNode a = JSON.objectNode().put("limit", 50).put("mode", "compact");
                a.putArray("features").add("search").add("export");
                ObjectNode b = JSON.objectNode().put("limit", 500).put("mode", "full");
                b.putArray("features").add("search").add("export").add("audit");
                yield List.of(new Variation(a, "basic"), new Variation(b, "premium"));
            }
        };
    }

    private Clause clause(boolean allowSegments) {
        int pick = random.nextInt(allowSegments ? 8 : 7);
        return switch (pick) {
            case 0 -> new Clause("email", "endsWith", List.of(JSON.textNode(DOMAINS[random.nextInt(DOMAINS.length)])), false);
            case 1 -> new Clause("country", "in", countries(), random.nextInt(5) == 0);
            case 2 -> new Clause("plan", "in", List.of(JSON.textNode(PLANS[random.nextInt(PLANS.length)])), false);
            case 3 -> new Clause("appVersion", "semVerGreaterThan",
                    List.of(JSON.textNode("2." + random.nextInt(10) + "." + random.nextInt(10))), false);
            case 4 -> new Clause("age", "greaterThanOrEqual", List.of(JSON.numberNode(18 + random.nextInt(10))), false);
            case 5 -> new Clause("createdAt", "after", List.of(JSON.textNode("2026-0" + (1 + random.nextInt(9))
                    + "-01T00:00:00Z")), false);
            case 6 -> new Clause("ip", "inCidr", List.of(JSON.textNode("10." + random.nextInt(256) + ".0.0/16")), false);
            default -> new Clause("segment", "segmentMatch",
                    List.of(JSON.textNode(String.format("segment-%04d", random.nextInt(segmentCount)))), false);
        };
    }

    private List<JsonNode> countries() {
        List<JsonNode> values = new ArrayList<>();
        int start = random.nextInt(COUNTRIES.length);
        for (int i = 0, count = 3 + random.nextInt(6); i < count; i++) {
            values.add(JSON.textNode(COUNTRIES[(start + i) % COUNTRIES.length]));
        }
        return values;
    }

    private Serve serve(int variations) {
        if (random.nextInt(10) < (heavy ? 6 : 7)) {
            return Serve.variation(random.nextInt(variations));
        }
        int first = 1000 * (5 + random.nextInt(90));
        List<WeightedVariation> weights = variations == 2 || random.nextBoolean()
                ? List.of(new WeightedVariation(0, first), new WeightedVariation(1, 100_000 - first))
                : List.of(new WeightedVariation(0, first / 2), new WeightedVariation(1, first / 2),
                new WeightedVariation(2, 100_000 - first / 2 * 2));
        return Serve.rollout(new Rollout(random.nextInt(4) == 0 ? "email" : null, weights));
    }

    private Segment segment(int index) {
        List<SegmentRule> rules = new ArrayList<>();
        for (int r = 0, count = random.nextInt(3); r < count; r++) {
            List<Clause> clauses = heavy || random.nextBoolean() ? List.of(clause(false), clause(false))
                    : List.of(clause(false));
            rules.add(new SegmentRule("rule-" + r, clauses,
                    random.nextInt(4) == 0 ? 1000 * (1 + random.nextInt(99)) : null, null, null));
        }
        return new Segment(String.format("segment-%04d", index), "Segment " + index, null,
                userKeys(random.nextInt(heavy ? 101 : 51)), userKeys(random.nextInt(heavy ? 11 : 6)), rules, null,
                1L + random.nextInt(20));
    }

    private List<String> userKeys(int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format("user-%04d-%08x", random.nextInt(10_000), random.nextInt()));
        }
        return keys;
    }
}
