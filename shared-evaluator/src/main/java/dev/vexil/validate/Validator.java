package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Snapshot;
import java.util.List;

/**
 * The one validator shared by the admin API, the compiler and the SDKs. It works on JSON trees so that type
 * errors get precise paths, e.g. {@code rules[2].clauses[0].values[1]: expected a number for operator lessThan}.
 * An empty list means valid.
 */
public final class Validator {
    // TODO(H2): implementation.

    /** STRICT rejects unknown operators (server side); LENIENT accepts them (SDKs: such clauses never match). */
    public enum Mode { STRICT, LENIENT }

    private Validator() {
    }

    /** A flag definition body: key, name, type, variations (typed by {@code type}), tags, temporary, maintainer. */
    public static List<Problem> validateFlagDefinition(JsonNode body) {
        throw new UnsupportedOperationException("TODO");
    }

    /** One environment's configuration of a flag, checked against its definition and the environment. */
    public static List<Problem> validateFlagConfig(JsonNode body, FlagDefinition definition, ValidationScope scope) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A segment body. */
    public static List<Problem> validateSegment(JsonNode body, ValidationScope scope) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A whole environment: every flag and segment, plus cross-references (prerequisite cycles, unknown segments). */
    public static List<Problem> validateSnapshot(Snapshot snapshot, Mode mode) {
        throw new UnsupportedOperationException("TODO");
    }
}
