package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.util.List;
import java.util.Objects;

/**
 * The one validator shared by the admin API, the compiler and the SDKs. It works on JSON trees so that type
 * errors get precise paths, e.g. {@code rules[2].clauses[0].values[1]: expected a number for operator lessThan}.
 * An empty list means valid. It never throws for bad input: a body of the wrong JSON type anywhere is a problem.
 *
 * <p>Admin API bodies are strict (unknown fields are errors); snapshots allow unknown fields for forward
 * compatibility. The rules and limits are listed in docs/snapshot-format.md, "Validation".
 */
public final class Validator {

    /** STRICT rejects unknown operators (server side); LENIENT accepts them (SDKs: such clauses never match). */
    public enum Mode { STRICT, LENIENT }

    private Validator() {
    }

    /** A flag definition body: key, name, type, variations (typed by {@code type}), tags, temporary, maintainer. */
    public static List<Problem> validateFlagDefinition(JsonNode body) {
        return validateFlagDefinition(body, null);
    }

    /**
     * A flag definition body for the flag named {@code keyFromUrl}: the body may omit {@code key}; if it has one,
     * it must be equal.
     */
    public static List<Problem> validateFlagDefinition(JsonNode body, String keyFromUrl) {
        ValidationRun run = ValidationRun.strictBody();
        LimitRules.reportNonFiniteNumbers(body, run.problems());
        DefinitionValidator.validate(body, keyFromUrl, run);
        return run.problems().problems();
    }

    /** One environment's configuration of a flag, checked against its definition and the environment. */
    public static List<Problem> validateFlagConfig(JsonNode body, FlagDefinition definition, ValidationScope scope) {
        Objects.requireNonNull(definition, "definition");
        ValidationRun run = ValidationRun.strictBody();
        LimitRules.reportNonFiniteNumbers(body, run.problems());
        FlagConfigValidator.validate(body, definition.key(), definition.variations().size(), scopeOrEmpty(scope),
                run, FlagConfigValidator.FIELDS, true);
        if (body != null && body.isObject()) {
            LimitRules.canonicalSize(body, "", "flag configuration", run.problems());
        }
        return run.problems().problems();
    }

    /** A segment body. */
    public static List<Problem> validateSegment(JsonNode body, ValidationScope scope) {
        return validateSegment(body, null, scope);
    }

    /** A segment body for the segment named {@code keyFromUrl} (the body may omit {@code key}). */
    public static List<Problem> validateSegment(JsonNode body, String keyFromUrl, ValidationScope scope) {
        ValidationRun run = ValidationRun.strictBody();
        LimitRules.reportNonFiniteNumbers(body, run.problems());
        SegmentValidator.validate(body, keyFromUrl, scopeOrEmpty(scope), run, SegmentValidator.FIELDS);
        if (body != null && body.isObject()) {
            LimitRules.canonicalSize(body, "", "segment", run.problems());
        }
        return run.problems().problems();
    }

    /** A whole environment: every flag and segment, plus cross-references (prerequisite cycles, unknown segments). */
    public static List<Problem> validateSnapshot(Snapshot snapshot, Mode mode) {
        Objects.requireNonNull(snapshot, "snapshot");
        return validateSnapshot(SnapshotCodec.mapper().valueToTree(snapshot), mode);
    }

    /** A whole snapshot document as a tree (e.g. from {@link SnapshotCodec#readVerifiedTree}). */
    public static List<Problem> validateSnapshot(JsonNode document, Mode mode) {
        return SnapshotValidator.validate(document, mode == null ? Mode.STRICT : mode);
    }

    /**
     * A key (project, environment, flag, segment, tag, rule id): {@code ^[a-z0-9][a-z0-9._-]{0,63}$}.
     * {@code what} names it in the message, e.g. {@code validateKey("key", "My Flag", "flag key")}.
     */
    public static List<Problem> validateKey(String path, String value, String what) {
        ProblemCollector problems = new ProblemCollector();
        KeyRules.check(path, value, what, problems);
        return problems.problems();
    }

    private static ValidationScope scopeOrEmpty(ValidationScope scope) {
        return scope == null ? ValidationScope.empty() : scope;
    }
}
