package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.bucket.Bucketing;
import dev.vexil.eval.bucket.SaltedBucketer;
import dev.vexil.eval.graph.ReferenceCycles;
import dev.vexil.model.Clause;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles the segments of one snapshot on demand, each once. A reference to an unknown segment, or from a segment
 * to another one on the same reference cycle, is treated as an empty segment, with a note.
 */
public final class SegmentCompiler {
    private final Map<String, Segment> models = new LinkedHashMap<>();
    private final Map<String, List<String>> cycles;
    private final Map<String, CompiledSegment> compiled = new HashMap<>();
    private final ClauseCompiler clauses = new ClauseCompiler(this);

    public SegmentCompiler(List<Segment> segments) {
        for (Segment s : segments) {
            if (s != null && s.key() != null) {
                models.putIfAbsent(s.key(), s);
            }
        }
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Segment s : models.values()) {
            List<String> refs = new ArrayList<>();
            for (SegmentRule rule : s.rules()) {
                if (rule == null) {
                    continue;
                }
                for (Clause c : rule.clauses()) {
                    if (c != null && Operator.fromWireName(c.operator()) == Operator.SEGMENT_MATCH) {
                        for (JsonNode v : c.values()) {
                            if (v != null && v.isTextual()) {
                                refs.add(v.textValue());
                            }
                        }
                    }
                }
            }
            edges.put(s.key(), refs);
        }
        this.cycles = ReferenceCycles.find(edges);
    }

    /** The clause compiler that resolves segmentMatch through this. */
    public ClauseCompiler clauseCompiler() {
        return clauses;
    }

    CompiledSegment resolve(String key, String fromSegment, String path, List<String> notes) {
        if (!models.containsKey(key)) {
            notes.add(path + ": unknown segment '" + key + "'; treated as empty");
            return null;
        }
        List<String> cycle = fromSegment == null ? null : cycles.get(fromSegment);
        if (cycle != null && cycle.contains(key)) {
            notes.add(path + ": segment reference cycle " + String.join(" -> ", cycle) + " -> " + cycle.get(0)
                    + "; '" + key + "' treated as empty here");
            return null;
        }
        CompiledSegment segment = compiled.get(key);
        if (segment == null) {
            segment = compile(models.get(key));
            compiled.put(key, segment);
        }
        return segment;
    }

    private CompiledSegment compile(Segment model) {
        List<String> notes = new ArrayList<>();
        SaltedBucketer bucketer = SaltedBucketer.forSalt(model.effectiveSalt());
        List<CompiledSegmentRule> rules = new ArrayList<>();
        for (int r = 0; r < model.rules().size(); r++) {
            SegmentRule rule = model.rules().get(r);
            String path = "rules[" + r + "]";
            if (rule == null) {
                notes.add(path + ": missing rule; skipped");
                continue;
            }
            CompiledClause[] compiledClauses = new CompiledClause[rule.clauses().size()];
            for (int c = 0; c < compiledClauses.length; c++) {
                compiledClauses[c] = clauses.compile(rule.clauses().get(c), path + ".clauses[" + c + "]", notes,
                        model.key());
            }
            int weight = CompiledSegmentRule.NO_WEIGHT;
            if (rule.weight() != null) {
                weight = Math.max(0, Math.min(SaltedBucketer.BUCKETS, rule.weight()));
                if (weight != rule.weight()) {
                    notes.add(path + ".weight: " + rule.weight() + " outside 0..100000; clamped to " + weight);
                }
            }
            rules.add(new CompiledSegmentRule(compiledClauses, weight, Bucketing.normalizeBucketBy(rule.bucketBy()),
                    ClauseCompiler.kindOrDefault(rule.contextKind()), bucketer));
        }
        return new CompiledSegment(model.key(), keySet(model.included()), keySet(model.excluded()),
                rules.toArray(new CompiledSegmentRule[0]), notes);
    }

    private static Set<String> keySet(List<String> keys) {
        Set<String> set = new HashSet<>(keys);
        set.removeIf(Objects::isNull);
        return set;
    }
}
