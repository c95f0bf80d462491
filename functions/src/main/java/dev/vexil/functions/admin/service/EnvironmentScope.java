package dev.vexil.functions.admin.service;

import dev.vexil.functions.store.EnvironmentState;
import dev.vexil.model.Flag;
import dev.vexil.model.Segment;
import dev.vexil.validate.ValidationScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A validation scope over an environment's stored state, optionally with some flags replaced by the versions
 * a request proposes (so that a check sees the environment as it would be after the change).
 */
final class EnvironmentScope implements ValidationScope {
    private final Map<String, Flag> flags;
    private final Set<String> segmentKeys;

    private EnvironmentScope(Map<String, Flag> flags, Set<String> segmentKeys) {
        this.flags = flags;
        this.segmentKeys = segmentKeys;
    }

    static EnvironmentScope of(EnvironmentState state) {
        Map<String, Flag> flags = new LinkedHashMap<>();
        state.flags().forEach(flag -> flags.put(flag.key(), flag));
        return new EnvironmentScope(flags,
                state.segments().stream().map(Segment::key).collect(Collectors.toUnmodifiableSet()));
    }

    EnvironmentScope withFlag(Flag flag) {
        Map<String, Flag> copy = new LinkedHashMap<>(flags);
        copy.put(flag.key(), flag);
        return new EnvironmentScope(copy, segmentKeys);
    }

    @Override
    public Set<String> segmentKeys() {
        return segmentKeys;
    }

    @Override
    public Optional<Flag> flag(String key) {
        return Optional.ofNullable(flags.get(key));
    }
}
