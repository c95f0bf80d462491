package dev.vexil.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.bucket.Bucketing;
import dev.vexil.eval.bucket.SaltedBucketer;
import dev.vexil.eval.clause.ClauseCompiler;
import dev.vexil.eval.clause.CompiledClause;
import dev.vexil.eval.clause.SegmentCompiler;
import dev.vexil.eval.graph.ReferenceCycles;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.MalformedFlag;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles every flag of a snapshot, prerequisites first. Never throws for bad data: a flag it cannot evaluate
 * becomes a malformed flag (ERROR MALFORMED_FLAG with the problems as note) and the others are unaffected.
 */
final class FlagCompiler {
    private final Map<String, Flag> models = new LinkedHashMap<>();
    private final Map<String, List<String>> prerequisiteCycles;
    private final Map<String, String> forcedOff;
    /** Flags the compiler published marked malformed: flag key → its problems, as one line. */
    private final Map<String, String> marked = new HashMap<>();
    /** Flags the SDK's own LENIENT validation refused: flag key → why. */
    private final Map<String, String> invalid;
    private final long version;
    private final ClauseCompiler clauses;
    private final Map<String, CompiledFlag> compiled = new HashMap<>();

    /** {@code forcedOff}: flag key → the note of its OFF reason (null: the flag's own note). */
    FlagCompiler(Snapshot snapshot, Map<String, String> forcedOff) {
        this(snapshot, forcedOff, Map.of());
    }

    /**
     * {@code invalid}: flag key → why a validator refused it; such a flag serves MALFORMED_FLAG with that note
     * unless the evaluator's own checks already found it malformed (their note is more precise).
     */
    FlagCompiler(Snapshot snapshot, Map<String, String> forcedOff, Map<String, String> invalid) {
        this.invalid = invalid;
        for (Flag f : snapshot.flags()) {
            if (f != null && f.key() != null) {
                models.putIfAbsent(f.key(), f);
            }
        }
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Flag f : models.values()) {
            List<String> refs = new ArrayList<>();
            for (Prerequisite p : f.prerequisites()) {
                if (p != null && p.flag() != null) {
                    refs.add(p.flag());
                }
            }
            edges.put(f.key(), refs);
        }
        this.prerequisiteCycles = ReferenceCycles.find(edges);
        for (MalformedFlag m : snapshot.malformedFlags()) {
            if (m != null && m.key() != null) {
                marked.putIfAbsent(m.key(), "marked malformed by the compiler: " + m.describe());
            }
        }
        this.forcedOff = forcedOff;
        this.version = snapshot.version();
        this.clauses = new SegmentCompiler(snapshot.segments()).clauseCompiler();
    }

    /** Every flag by key, in snapshot order. */
    Map<String, CompiledFlag> compileAll() {
        Map<String, CompiledFlag> all = new LinkedHashMap<>();
        for (String key : models.keySet()) {
            all.put(key, compile(key));
        }
        return all;
    }

    private CompiledFlag compile(String key) {
        CompiledFlag flag = compiled.get(key);
        if (flag == null) {
            Flag model = models.get(key);
            try {
                flag = new OneFlag(model).compile();
                String refused = invalid.get(key);
                if (refused != null && !flag.isMalformed()) {
                    EvaluationResult error = EvaluationResult.error(ErrorKind.MALFORMED_FLAG, refused, version);
                    flag = CompiledFlag.malformed(key, model.type(), true, error, error);
                }
            } catch (RuntimeException e) {
                // Data we did not foresee (e.g. null list elements): this flag errors, the snapshot still loads.
                EvaluationResult error = EvaluationResult.error(ErrorKind.MALFORMED_FLAG,
                        "cannot compile flag: " + e, version);
                flag = CompiledFlag.malformed(key, model.type(), true, error, error);
            }
            compiled.put(key, flag);
        }
        return flag;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }

    /** The state of compiling one flag: problems make it malformed, notes go on every result. */
    private final class OneFlag {
        private final Flag model;
        private final List<String> wholeFlagProblems = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Set<String> notes = new LinkedHashSet<>();
        private final JsonNode[] values;
        private String note;

        OneFlag(Flag model) {
            this.model = model;
            this.values = new JsonNode[model.variations().size()];
            for (int i = 0; i < values.length; i++) {
                Variation v = model.variations().get(i);
                if (v == null || v.value() == null) {
                    wholeFlagProblems.add("variations[" + i + "]: missing value");
                } else {
                    values[i] = v.value();
                }
            }
        }

        CompiledFlag compile() {
            String key = model.key();
            FlagType type = model.type();
            boolean forced = forcedOff.containsKey(key);
            boolean on = model.on() && !forced;
            if (type == null) {
                wholeFlagProblems.add("type: missing or unknown");
            }
            Integer off = model.offVariation();
            if (off != null && !isVariation(off)) {
                wholeFlagProblems.add("offVariation: " + off + " is not a variation index");
            }

            // Phase 1: check the on path and compile clauses (which collects the notes every result carries).
            // A flag the compiler marked is broken on its on path whatever this evaluator can still make of it
            // (e.g. a missing segment it would treat as empty); its off path stays usable, so a kill still works.
            String mark = marked.get(key);
            if (mark != null) {
                problems.add(mark);
            }
            if (values.length == 0) {
                problems.add("variations: none");
            }
            List<CompiledFlag> prerequisiteFlags = checkPrerequisites();
            checkTargets();
            List<CompiledClause[]> ruleClauses = compileRuleClauses();
            checkServe(model.fallthrough(), "fallthrough");
            note = notes.isEmpty() ? null : String.join("; ", notes);

            // Phase 2: pre-allocate every result.
            if (!wholeFlagProblems.isEmpty()) {
                List<String> all = new ArrayList<>(wholeFlagProblems);
                all.addAll(problems);
                EvaluationResult error = malformed(all);
                return CompiledFlag.malformed(key, type, on, error, error);
            }
            String forcedNote = forced ? forcedOff.get(key) : null;
            Reason offReason = Reason.off(forcedNote != null ? forcedNote : note);
            EvaluationResult offResult = off == null
                    ? new EvaluationResult(null, -1, offReason, version) : result(off, offReason);
            if (!problems.isEmpty()) {
                return CompiledFlag.malformed(key, type, on, offResult, malformed(problems));
            }
            ReasonFactory fallthroughReason = isContextIndependent()
                    ? (inRollout, n) -> Reason.staticFallthrough(n) : Reason::fallthrough;
            return new CompiledFlag(key, type, on, offResult, buildPrerequisites(prerequisiteFlags, off),
                    buildTargets(), buildRules(ruleClauses), buildServe(model.fallthrough(), fallthroughReason));
        }

        /** No prerequisites, targets or rules, and a fixed fallthrough: no context can change the value. */
        private boolean isContextIndependent() {
            return model.prerequisites().isEmpty() && model.targets().isEmpty() && model.rules().isEmpty()
                    && model.fallthrough().variation() != null;
        }

        private EvaluationResult malformed(List<String> what) {
            List<String> all = new ArrayList<>(what);
            all.addAll(notes);
            return EvaluationResult.error(ErrorKind.MALFORMED_FLAG, String.join("; ", all), version);
        }

        private boolean isVariation(Integer index) {
            return index != null && index >= 0 && index < values.length;
        }

        private EvaluationResult result(int variation, Reason reason) {
            return new EvaluationResult(values[variation], variation, reason, version);
        }

        private List<CompiledFlag> checkPrerequisites() {
            List<CompiledFlag> flags = new ArrayList<>();
            List<String> cycle = prerequisiteCycles.get(model.key());
            if (cycle != null) {
                problems.add("prerequisites: cycle " + String.join(" -> ", cycle) + " -> " + cycle.get(0));
                return flags;
            }
            List<Prerequisite> prerequisites = model.prerequisites();
            for (int i = 0; i < prerequisites.size(); i++) {
                Prerequisite p = prerequisites.get(i);
                String path = "prerequisites[" + i + "]";
                if (p == null || p.flag() == null) {
                    problems.add(path + ": missing flag key");
                } else if (!models.containsKey(p.flag())) {
                    problems.add(path + ": unknown flag '" + p.flag() + "'");
                } else if (p.variation() < 0 || p.variation() >= models.get(p.flag()).variations().size()) {
                    problems.add(path + ".variation: " + p.variation() + " is not a variation of '" + p.flag() + "'");
                } else {
                    flags.add(FlagCompiler.this.compile(p.flag()));
                }
            }
            return flags;
        }

        private void checkTargets() {
            for (int i = 0; i < model.targets().size(); i++) {
                Target t = model.targets().get(i);
                if (t == null || !isVariation(t.variation())) {
                    problems.add("targets[" + i + "].variation: " + (t == null ? "missing" : t.variation())
                            + " is not a variation index");
                }
            }
        }

        private List<CompiledClause[]> compileRuleClauses() {
            List<CompiledClause[]> all = new ArrayList<>();
            List<String> noteList = new ArrayList<>();
            for (int r = 0; r < model.rules().size(); r++) {
                Rule rule = model.rules().get(r);
                String path = "rules[" + r + "]";
                if (rule == null) {
                    problems.add(path + ": missing rule");
                    all.add(new CompiledClause[0]);
                    continue;
                }
                CompiledClause[] compiledClauses = new CompiledClause[rule.clauses().size()];
                for (int c = 0; c < compiledClauses.length; c++) {
                    compiledClauses[c] = clauses.compile(rule.clauses().get(c), path + ".clauses[" + c + "]",
                            noteList, null);
                }
                all.add(compiledClauses);
                checkServe(rule.serve(), path + ".serve");
            }
            notes.addAll(noteList);
            return all;
        }

        private void checkServe(Serve serve, String path) {
            if (serve == null) {
                problems.add(path + ": missing");
                return;
            }
            if ((serve.variation() == null) == (serve.rollout() == null)) {
                problems.add(path + ": needs exactly one of variation and rollout");
                return;
            }
            if (serve.variation() != null) {
                if (!isVariation(serve.variation())) {
                    problems.add(path + ".variation: " + serve.variation() + " is not a variation index");
                }
                return;
            }
            List<WeightedVariation> weighted = serve.rollout().variations();
            if (weighted.isEmpty()) {
                problems.add(path + ".rollout.variations: none");
            }
            long total = 0;
            int problemsBefore = problems.size();
            for (int i = 0; i < weighted.size(); i++) {
                WeightedVariation wv = weighted.get(i);
                String wvPath = path + ".rollout.variations[" + i + "]";
                if (wv == null || !isVariation(wv.variation())) {
                    problems.add(wvPath + ".variation: " + (wv == null ? "missing" : wv.variation())
                            + " is not a variation index");
                } else if (wv.weight() < 0) {
                    problems.add(wvPath + ".weight: " + wv.weight() + " is negative");
                } else {
                    total += wv.weight();
                }
            }
            if (!weighted.isEmpty() && problems.size() == problemsBefore && total != SaltedBucketer.BUCKETS) {
                notes.add(path + ".rollout: weights sum to " + total + ", not 100000");
            }
        }

        private CompiledPrerequisite[] buildPrerequisites(List<CompiledFlag> flags, Integer off) {
            CompiledPrerequisite[] out = new CompiledPrerequisite[flags.size()];
            for (int i = 0; i < out.length; i++) {
                Prerequisite p = model.prerequisites().get(i);
                Reason reason = Reason.prerequisiteFailed(p.flag(), note);
                EvaluationResult failed = off == null
                        ? new EvaluationResult(null, -1, reason, version) : result(off, reason);
                out[i] = new CompiledPrerequisite(flags.get(i), p.variation(), failed);
            }
            return out;
        }

        private CompiledTarget[] buildTargets() {
            CompiledTarget[] out = new CompiledTarget[model.targets().size()];
            for (int i = 0; i < out.length; i++) {
                Target t = model.targets().get(i);
                Set<String> keys = new HashSet<>(t.keys());
                keys.removeIf(Objects::isNull);
                out[i] = new CompiledTarget(ClauseCompiler.kindOrDefault(t.contextKind()), keys,
                        result(t.variation(), Reason.targetMatch(note)));
            }
            return out;
        }

        private CompiledRule[] buildRules(List<CompiledClause[]> ruleClauses) {
            CompiledRule[] out = new CompiledRule[ruleClauses.size()];
            for (int r = 0; r < out.length; r++) {
                int index = r;
                Rule rule = model.rules().get(r);
                out[r] = new CompiledRule(ruleClauses.get(r), buildServe(rule.serve(),
                        (inRollout, n) -> Reason.ruleMatch(index, rule.id(), inRollout, n)));
            }
            return out;
        }

        private CompiledServe buildServe(Serve serve, ReasonFactory reasons) {
            if (serve.variation() != null) {
                return new FixedVariation(result(serve.variation(), reasons.reason(false, note)));
            }
            Rollout rollout = serve.rollout();
            List<WeightedVariation> weighted = rollout.variations();
            String bucketBy = Bucketing.normalizeBucketBy(rollout.bucketBy());
            String kind = ClauseCompiler.kindOrDefault(rollout.contextKind());
            int[] cumulative = new int[weighted.size()];
            EvaluationResult[] results = new EvaluationResult[weighted.size()];
            EvaluationResult[] fallback = new EvaluationResult[weighted.size()];
            String fallbackNote = join(note, "bucketBy '" + bucketBy + "' missing; bucketed by key");
            int sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                WeightedVariation wv = weighted.get(i);
                sum = (int) Math.min(Integer.MAX_VALUE, (long) sum + wv.weight());
                cumulative[i] = sum;
                results[i] = result(wv.variation(), reasons.reason(true, note));
                fallback[i] = bucketBy == null ? results[i] : result(wv.variation(), reasons.reason(true, fallbackNote));
            }
            EvaluationResult missingKind = EvaluationResult.error(ErrorKind.INVALID_CONTEXT,
                    join(note, "the rollout buckets by context kind '" + kind + "', which the context lacks"),
                    version);
            EvaluationResult missingKey = EvaluationResult.error(ErrorKind.TARGETING_KEY_MISSING, join(note,
                    bucketBy == null
                            ? "the rollout buckets by the key, and the '" + kind + "' context has none"
                            : "bucketBy '" + bucketBy + "' missing, and the '" + kind
                                    + "' context has no key to bucket by instead"), version);
            return new PercentageRollout(kind, bucketBy, SaltedBucketer.forSalt(model.effectiveSalt()), cumulative,
                    results, fallback, missingKind, missingKey);
        }
    }

    @FunctionalInterface
    private interface ReasonFactory {
        Reason reason(boolean inRollout, String note);
    }
}
