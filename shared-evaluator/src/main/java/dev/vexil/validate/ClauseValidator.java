package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.clause.Operator;
import java.util.Set;

/** The clauses of a flag rule or a segment rule: attribute, operator, typed values, negate, contextKind. */
final class ClauseValidator {
    private static final Set<String> FIELDS = Set.of("attribute", "operator", "values", "negate", "contextKind");

    /** Where clauses are being checked: which segments exist, and whether {@code segmentMatch} may be used. */
    record Site(Set<String> segmentKeys, boolean segmentMatchAllowed) {
    }

    private ClauseValidator() {
    }

    /** The {@code clauses} array of {@code rule} (required; may be empty, then the rule matches everyone). */
    static void clauses(JsonNode rule, String rulePath, ValidationRun run, Site site) {
        JsonNode clauses = JsonFields.array(rule, "clauses", rulePath, true, run.problems());
        if (clauses == null) {
            return;
        }
        String path = Paths.field(rulePath, "clauses");
        LimitRules.atMost(clauses.size(), LimitRules.MAX_CLAUSES, path, "clauses in this rule", run.problems());
        for (int i = 0; i < clauses.size(); i++) {
            clause(clauses.get(i), Paths.index(path, i), run, site);
        }
    }

    static void clause(JsonNode node, String path, ValidationRun run, Site site) {
        JsonNode clause = run.object(node, path, FIELDS);
        if (clause == null) {
            return;
        }
        ProblemCollector problems = run.problems();
        String operatorName = JsonFields.nonBlankString(clause, "operator", path, problems);
        Operator operator = Operator.fromWireName(operatorName);
        boolean segmentMatch = operator == Operator.SEGMENT_MATCH;
        if (segmentMatch) {
            // segmentMatch ignores the attribute; accept one for readability.
            JsonFields.string(clause, "attribute", path, false, problems);
        } else {
            JsonFields.nonBlankString(clause, "attribute", path, problems);
        }
        JsonFields.bool(clause, "negate", path, false, problems);
        ContextKinds.optional(clause, path, problems);

        if (operatorName != null && operator == null && run.strictOperators()) {
            problems.add(Paths.field(path, "operator"), "unknown operator \"" + operatorName
                    + "\"; use one of " + Operator.wireNameList());
        }
        if (segmentMatch && !site.segmentMatchAllowed()) {
            problems.add(Paths.field(path, "operator"), "segmentMatch is not allowed in segment rules "
                    + "(a segment cannot refer to another segment); list the contexts or copy the clauses instead");
            operator = null; // do not also report the values as unknown segments
        }
        values(clause, path, operator, run, site);
    }

    private static void values(JsonNode clause, String path, Operator operator, ValidationRun run, Site site) {
        JsonNode values = JsonFields.array(clause, "values", path, true, run.problems());
        if (values == null) {
            return;
        }
        String at = Paths.field(path, "values");
        if (values.isEmpty()) {
            run.problems().add(at, "a clause needs at least one value");
        }
        LimitRules.atMost(values.size(), LimitRules.MAX_VALUES, at, "values in this clause", run.problems());
        if (operator == null) {
            return; // unknown operator (reported, or tolerated in LENIENT mode): its values cannot be typed
        }
        for (int i = 0; i < values.size(); i++) {
            String problem = OperatorRules.problem(operator, values.get(i), site.segmentKeys());
            if (problem != null) {
                run.problems().add(Paths.index(at, i), problem);
            }
        }
    }
}
