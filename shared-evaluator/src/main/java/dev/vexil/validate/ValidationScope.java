package dev.vexil.validate;

import dev.vexil.model.Flag;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a validator needs to know about the rest of an environment when it checks one flag or segment:
 * which segments exist (for {@code segmentMatch}) and the other flags (for prerequisites: existence,
 * variation indexes, cycles).
 */
public interface ValidationScope {
    Set<String> segmentKeys();

    Optional<Flag> flag(String key);

    /**
     * This scope with {@code replacements} in place of the flags of the same key (a later replacement wins), so
     * that a check sees the environment as it would be after a change that rewrites those flags.
     */
    default ValidationScope withFlags(Collection<Flag> replacements) {
        Map<String, Flag> replaced = new java.util.HashMap<>();
        replacements.stream().filter(f -> f.key() != null).forEach(f -> replaced.put(f.key(), f));
        ValidationScope base = this;
        return new ValidationScope() {
            @Override
            public Set<String> segmentKeys() {
                return base.segmentKeys();
            }

            @Override
            public Optional<Flag> flag(String key) {
                Flag replacement = replaced.get(key);
                return replacement != null ? Optional.of(replacement) : base.flag(key);
            }
        };
    }

    /** A scope with no other flags and no segments. */
    static ValidationScope empty() {
        return of(java.util.List.of(), Set.of());
    }

    /** A scope over an environment's current flags and segment keys (e.g. as read from the store). */
    static ValidationScope of(Collection<Flag> flags, Collection<String> segmentKeys) {
        Map<String, Flag> byKey = flags.stream().filter(f -> f.key() != null)
                .collect(Collectors.toUnmodifiableMap(Flag::key, Function.identity(), (a, b) -> a));
        Set<String> segments = Set.copyOf(segmentKeys);
        return new ValidationScope() {
            @Override
            public Set<String> segmentKeys() {
                return segments;
            }

            @Override
            public Optional<Flag> flag(String key) {
                return Optional.ofNullable(byKey.get(key));
            }
        };
    }
}
