package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.compiler.SnapshotAssembler;
import dev.vexil.core.compiler.SnapshotBuild;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.EvaluationResult;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.MalformedFlag;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.JsonTypes;
import dev.vexil.validate.Problem;
import dev.vexil.validate.ValidationScope;
import dev.vexil.validate.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dry-run evaluation. The environment's snapshot is assembled from the store exactly as the compiler would
 * publish it and evaluated with the shared evaluator, so answers equal the SDK's. With {@code proposed}
 * configurations it evaluates both the current and the proposed environment and summarises the impact: how many
 * of the given contexts would change variation, and from which to which.
 */
public final class DryRunService {
    static final int MAX_CONTEXTS = 1000;
    /**
     * Contexts × flags evaluated by one request. A result is ~100 bytes of JSON, so 20,000 of them stay well under
     * Lambda's 6 MB response limit and take well under a second; more is refused with 413 before any evaluation.
     */
    public static final int MAX_EVALUATIONS = 20_000;
    private static final Set<String> FIELDS = Set.of("contexts", "flags", "proposed");

    /** One flag for one context: the current result, and the proposed one when the flag has a proposal. */
    public record Outcome(EvaluationResult current, EvaluationResult proposed) {
    }

    public record ContextResult(int index, Context context, Map<String, Outcome> flags) {
    }

    /** {@code from}/{@code to} are variation indexes, -1 when none is served (off without an off variation). */
    public record Transition(int from, int to, JsonNode fromValue, JsonNode toValue, int count) {
    }

    public record Impact(int contexts, int changed, List<Transition> transitions) {
    }

    public record Result(long snapshotVersion, List<ContextResult> contexts, Map<String, Impact> impact) {
    }

    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DryRunService(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.mapper = mapper;
        this.clock = clock;
    }

    public Result evaluate(Caller caller, String projectKey, String envKey, JsonNode body) {
        guard.environment(projectKey, envKey, caller, Role.VIEWER);
        BodyChecks checks = new BodyChecks(body, FIELDS);
        checks.throwIfInvalid();
        List<Problem> problems = new ArrayList<>();
        List<Context> contexts = contexts(checks.get("contexts"), problems);
        EnvironmentState state = repository.loadEnvironmentState(projectKey, envKey, List.of());
        Map<String, Flag> proposals = proposals(projectKey, checks.get("proposed"), state, problems);
        List<String> flagKeys = flagKeys(checks.get("flags"), state, proposals, problems);
        if (!problems.isEmpty()) {
            throw AdminException.invalid(problems);
        }
        requireWithinCap(contexts.size(), flagKeys.size());

        Snapshot snapshot = SnapshotBuild.contained(SnapshotAssembler.assemble(state, clock.instant()));
        CompiledEnvironment current = CompiledEnvironment.compile(snapshot);
        CompiledEnvironment proposed = proposals.isEmpty() ? null : CompiledEnvironment.compile(withFlags(snapshot, proposals));

        List<ContextResult> results = new ArrayList<>();
        Map<String, ImpactCounter> counters = new TreeMap<>();
        proposals.keySet().forEach(key -> counters.put(key, new ImpactCounter()));
        for (int i = 0; i < contexts.size(); i++) {
            Context context = contexts.get(i);
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            for (String key : flagKeys) {
                EvaluationResult now = current.evaluate(key, context);
                EvaluationResult then = proposals.containsKey(key) ? proposed.evaluate(key, context) : null;
                outcomes.put(key, new Outcome(now, then));
                if (then != null) {
                    counters.get(key).count(now, then);
                }
            }
            results.add(new ContextResult(i, context, outcomes));
        }
        Map<String, Impact> impact = new LinkedHashMap<>();
        counters.forEach((key, counter) -> impact.put(key, counter.impact(contexts.size())));
        return new Result(snapshot.version(), results, impact);
    }

    private static void requireWithinCap(int contexts, int flags) {
        long evaluations = (long) contexts * flags;
        if (evaluations > MAX_EVALUATIONS) {
            String message = contexts + " contexts × " + flags + " flags = " + evaluations + " evaluations, more than"
                    + " the " + MAX_EVALUATIONS + " one dry run may do; send fewer contexts or name fewer flags";
            throw new AdminException(AdminException.Kind.PAYLOAD_TOO_LARGE, message,
                    List.of(new Problem("contexts", message)),
                    Map.of("evaluations", evaluations, "maxEvaluations", MAX_EVALUATIONS));
        }
    }

    private static List<Context> contexts(JsonNode node, List<Problem> problems) {
        if (node == null || !node.isArray()) {
            problems.add(new Problem("contexts", "expected an array of contexts, got " + JsonTypes.kind(node)));
            return List.of();
        }
        if (node.isEmpty() || node.size() > MAX_CONTEXTS) {
            problems.add(new Problem("contexts", "give between 1 and " + MAX_CONTEXTS + " contexts, got " + node.size()));
            return List.of();
        }
        List<Context> contexts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Context context = ContextParser.parse(node.get(i), "contexts[" + i + "]", problems);
            if (context != null) {
                contexts.add(context);
            }
        }
        return contexts;
    }

    /** Each proposed configuration, validated against its definition and the environment with all proposals. */
    private Map<String, Flag> proposals(String projectKey, JsonNode node, EnvironmentState state,
                                        List<Problem> problems) {
        Map<String, Flag> proposals = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return proposals;
        }
        if (!node.isObject()) {
            problems.add(new Problem("proposed", "expected an object mapping flag keys to configurations, got "
                    + JsonTypes.kind(node)));
            return proposals;
        }
        Map<String, FlagDefinition> definitions = new LinkedHashMap<>();
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            repository.getFlagDefinition(projectKey, key).ifPresentOrElse(
                    definition -> definitions.put(key, definition.value()),
                    () -> problems.add(new Problem("proposed." + key, "unknown flag \"" + key + "\"")));
        }
        List<Flag> bindable = new ArrayList<>();
        Map<String, JsonNode> trees = new LinkedHashMap<>();
        for (Map.Entry<String, FlagDefinition> entry : definitions.entrySet()) {
            JsonNode tree = ModelBodies.withoutReadOnly(node.get(entry.getKey()));
            trees.put(entry.getKey(), tree);
            if (tree != null && tree.isObject()) {
                try {
                    FlagConfig config = mapper.treeToValue(tree, FlagConfig.class);
                    bindable.add(Flag.of(entry.getValue(), config, currentVersion(state, entry.getKey())));
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException unbindable) {
                    // the validator below reports why, with a path
                }
            }
        }
        ValidationScope scope = state.validationScope().withFlags(bindable);
        for (Map.Entry<String, FlagDefinition> entry : definitions.entrySet()) {
            String key = entry.getKey();
            List<Problem> found = Validator.validateFlagConfig(trees.get(key), entry.getValue(), scope);
            if (!found.isEmpty()) {
                problems.addAll(ModelBodies.under("proposed." + key, found));
            } else {
                FlagConfig config = ModelBodies.bind(mapper, trees.get(key), FlagConfig.class);
                proposals.put(key, Flag.of(entry.getValue(), config, currentVersion(state, key)));
            }
        }
        return proposals;
    }

    private static List<String> flagKeys(JsonNode node, EnvironmentState state, Map<String, Flag> proposals,
                                         List<Problem> problems) {
        Set<String> known = new TreeSet<>();
        state.flags().forEach(flag -> known.add(flag.key()));
        known.addAll(proposals.keySet());
        if (node == null || node.isNull()) {
            return List.copyOf(known);
        }
        if (!node.isArray()) {
            problems.add(new Problem("flags", "expected an array of flag keys, got " + JsonTypes.kind(node)));
            return List.of();
        }
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                problems.add(new Problem("flags[" + i + "]", "expected a flag key, got " + JsonTypes.kind(element)));
            } else if (!known.contains(element.textValue())) {
                problems.add(new Problem("flags[" + i + "]", "unknown flag \"" + element.textValue() + "\""));
            } else {
                wanted.add(element.textValue());
            }
        }
        return List.copyOf(wanted);
    }

    private static Long currentVersion(EnvironmentState state, String key) {
        return state.flags().stream().filter(f -> f.key().equals(key)).map(Flag::version).findFirst().orElse(null);
    }

    private static Snapshot withFlags(Snapshot snapshot, Map<String, Flag> replacements) {
        List<Flag> flags = snapshot.flags().stream().map(f -> replacements.getOrDefault(f.key(), f)).toList();
        // A proposal is valid in the environment, so a proposed flag is no longer marked malformed.
        List<MalformedFlag> marks = snapshot.malformedFlags().stream()
                .filter(m -> !replacements.containsKey(m.key())).toList();
        return new Snapshot(snapshot.schemaVersion(), snapshot.project(), snapshot.environment(), snapshot.version(),
                snapshot.generatedAt(), flags, snapshot.segments(), marks, null);
    }

    /** Counts, for one proposed flag, how many contexts move between which variations. */
    private static final class ImpactCounter {
        private final Map<List<Integer>, int[]> pairs = new LinkedHashMap<>();
        private final Map<Integer, JsonNode> values = new LinkedHashMap<>();
        private final Map<Integer, JsonNode> proposedValues = new LinkedHashMap<>();
        private int changed;

        void count(EvaluationResult now, EvaluationResult then) {
            if (now.variationIndex() == then.variationIndex()) {
                return;
            }
            changed++;
            values.put(now.variationIndex(), now.value());
            proposedValues.put(then.variationIndex(), then.value());
            pairs.computeIfAbsent(List.of(now.variationIndex(), then.variationIndex()), k -> new int[1])[0]++;
        }

        Impact impact(int contexts) {
            List<Transition> transitions = new ArrayList<>();
            pairs.forEach((pair, count) -> transitions.add(new Transition(pair.get(0), pair.get(1),
                    values.get(pair.get(0)), proposedValues.get(pair.get(1)), count[0])));
            transitions.sort((a, b) -> b.count() != a.count() ? Integer.compare(b.count(), a.count())
                    : a.from() != b.from() ? Integer.compare(a.from(), b.from()) : Integer.compare(a.to(), b.to()));
            return new Impact(contexts, changed, transitions);
        }
    }
}
