package dev.vexil.validate;

import dev.vexil.model.Flag;
import java.util.Optional;
import java.util.Set;

/**
 * What a validator needs to know about the rest of an environment when it checks one flag or segment:
 * which segments exist (for {@code segmentMatch}) and the other flags (for prerequisites: existence,
 * variation indexes, cycles).
 */
public interface ValidationScope {
    Set<String> segmentKeys();

    Optional<Flag> flag(String key);

    /** A scope with no other flags and no segments. */
    static ValidationScope empty() {
        return new ValidationScope() {
            @Override
            public Set<String> segmentKeys() {
                return Set.of();
            }

            @Override
            public Optional<Flag> flag(String key) {
                return Optional.empty();
            }
        };
    }
}
