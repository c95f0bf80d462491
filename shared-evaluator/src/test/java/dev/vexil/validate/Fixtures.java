package dev.vexil.validate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Serve;
import dev.vexil.model.Variation;
import java.util.List;
import java.util.Set;

/** The environment of issue 2's canonical example: flags new-checkout and payments-v2, segment beta-testers. */
final class Fixtures {
    static final String CANONICAL_CONFIG = """
            {
              'on': true, 'offVariation': 1, 'salt': 'new-checkout',
              'targets': [{'variation': 0, 'keys': ['alice', 'bob']}],
              'prerequisites': [{'flag': 'payments-v2', 'variation': 0}],
              'rules': [
                {'id': 'eu', 'clauses': [{'attribute': 'country', 'operator': 'in', 'values': ['DE', 'FR'], 'negate': false}],
                 'serve': {'variation': 0}},
                {'id': 'beta', 'clauses': [{'attribute': 'segment', 'operator': 'segmentMatch', 'values': ['beta-testers']}],
                 'serve': {'rollout': {'bucketBy': 'key', 'variations': [{'variation': 0, 'weight': 25000}, {'variation': 1, 'weight': 75000}]}}}
              ],
              'fallthrough': {'variation': 1}
            }""";

    static final FlagDefinition CHECKOUT = new FlagDefinition("new-checkout", "New checkout", null, FlagType.BOOLEAN,
            List.of(new Variation(JsonNodeFactory.instance.booleanNode(true), null),
                    new Variation(JsonNodeFactory.instance.booleanNode(false), null)),
            List.of(), true, null);

    private Fixtures() {
    }

    static Flag flag(String key, int variations, String... prerequisites) {
        List<Variation> vs = java.util.stream.IntStream.range(0, variations)
                .mapToObj(i -> new Variation(JsonNodeFactory.instance.numberNode(i), null)).toList();
        List<Prerequisite> ps = java.util.Arrays.stream(prerequisites).map(p -> new Prerequisite(p, 0)).toList();
        return new Flag(key, FlagType.NUMBER, vs, 1L, true, null, null, List.of(), ps, List.of(),
                Serve.variation(0), null);
    }

    static ValidationScope scope() {
        return ValidationScope.of(List.of(flag("payments-v2", 2), flag("other", 3)), Set.of("beta-testers", "staff"));
    }
}
