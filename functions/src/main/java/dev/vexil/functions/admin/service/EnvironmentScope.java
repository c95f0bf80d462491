package dev.vexil.functions.admin.service;

import dev.vexil.functions.store.EnvironmentState;
import dev.vexil.model.Flag;
import dev.vexil.model.Segment;
import dev.vexil.validate.ValidationScope;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation scopes over an environment's stored state, optionally with some flags replaced by the versions a
 * request proposes, so that a check sees the environment as it would be after the change.
 */
final class EnvironmentScope {
    private EnvironmentScope() {
    }

    static ValidationScope of(EnvironmentState state) {
        return of(state, List.of());
    }

    static ValidationScope of(EnvironmentState state, Collection<Flag> replacements) {
        Map<String, Flag> flags = new LinkedHashMap<>();
        state.flags().forEach(flag -> flags.put(flag.key(), flag));
        replacements.forEach(flag -> flags.put(flag.key(), flag));
        return ValidationScope.of(flags.values(), state.segments().stream().map(Segment::key).toList());
    }
}
