package dev.vexil.core.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.model.FlagConfig;
import dev.vexil.validate.Problem;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

/** The three kinds of scheduled change: a full configuration, on/off, or a rollback to an earlier version. */
sealed interface ScheduledChange {

    /** The configuration to write when the flag is at {@code base} ({@code contentAt} reads older versions). */
    FlagConfig applyTo(FlagConfig base, LongFunction<FlagConfig> contentAt);

    /** Only on/off changes may opt in to {@code "onConflict": "apply"}. */
    default boolean onOff() {
        return false;
    }

    record FullConfiguration(FlagConfig config) implements ScheduledChange {
        @Override
        public FlagConfig applyTo(FlagConfig base, LongFunction<FlagConfig> contentAt) {
            return config;
        }
    }

    record OnOff(boolean on) implements ScheduledChange {
        @Override
        public FlagConfig applyTo(FlagConfig base, LongFunction<FlagConfig> contentAt) {
            return new FlagConfig(on, base.offVariation(), base.salt(), base.targets(), base.prerequisites(),
                    base.rules(), base.fallthrough(), base.staleness());
        }

        @Override
        public boolean onOff() {
            return true;
        }
    }

    record RollbackTo(long version) implements ScheduledChange {
        @Override
        public FlagConfig applyTo(FlagConfig base, LongFunction<FlagConfig> contentAt) {
            return contentAt.apply(version);
        }
    }

    /**
     * Reads a {@code change} member. {@code problems} validates a full configuration (paths relative to it);
     * {@code currentVersion} bounds {@code rollbackTo}.
     */
    static ScheduledChange parse(JsonNode change, ObjectMapper mapper, long currentVersion,
                                 Function<JsonNode, List<Problem>> problems) {
        if (change == null || change.isNull()) {
            throw AdminException.invalid("change", "is required: a configuration, {\"on\": true|false} or"
                    + " {\"rollbackTo\": version}");
        }
        if (!change.isObject()) {
            throw AdminException.invalid("change", "expected an object");
        }
        if (change.size() == 1 && change.has("on")) {
            if (!change.get("on").isBoolean()) {
                throw AdminException.invalid("change.on", "expected true or false");
            }
            return new OnOff(change.get("on").booleanValue());
        }
        if (change.has("rollbackTo")) {
            JsonNode version = change.get("rollbackTo");
            if (change.size() != 1) {
                throw AdminException.invalid("change", "rollbackTo stands alone");
            }
            if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1
                    || version.longValue() > currentVersion) {
                throw AdminException.invalid("change.rollbackTo", "expected a version of the flag (1 to "
                        + currentVersion + "), got " + version);
            }
            return new RollbackTo(version.longValue());
        }
        List<Problem> found = problems.apply(change);
        if (!found.isEmpty()) {
            throw AdminException.invalid(found.stream()
                    .map(p -> new Problem(p.path().isEmpty() ? "change" : "change." + p.path(), p.message()))
                    .toList());
        }
        try {
            return new FullConfiguration(mapper.treeToValue(change, FlagConfig.class));
        } catch (Exception e) {
            throw AdminException.invalid("change", "not a flag configuration: " + e.getMessage());
        }
    }
}
