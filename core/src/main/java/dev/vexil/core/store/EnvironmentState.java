package dev.vexil.core.store;

import dev.vexil.model.Flag;
import dev.vexil.model.Segment;
import dev.vexil.validate.ValidationScope;
import java.util.List;

/**
 * Everything the compiler needs to build one environment's snapshot, read from the source of truth.
 * {@code changeCounter} is the environment's change counter: the sum of the current versions of the
 * environment itself, its flag configurations, its segments (tombstones included) and the project's flag
 * definitions. Every change to any of them raises it by exactly one, so it is monotonic and becomes the
 * snapshot version. {@code flags} merge each definition with this environment's configuration (a flag with no
 * configuration here gets {@link dev.vexil.model.FlagConfig#notConfigured()}); deleted segments are omitted.
 */
public record EnvironmentState(String project, String environment, long changeCounter,
                               List<Flag> flags, List<Segment> segments) {

    /** What the validator needs to check one flag or segment against this environment. */
    public ValidationScope validationScope() {
        return ValidationScope.of(flags, segments.stream().map(Segment::key).toList());
    }
}
