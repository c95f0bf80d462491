package dev.vexil.core.admin.service;

import dev.vexil.core.store.Project;
import java.util.Locale;
import java.util.Optional;

/**
 * A principal's role in a project, from {@link Project#roles()}. Each role includes the ones below it:
 * a viewer reads and dry-runs; an editor also changes flags and segments; an admin also manages environments,
 * SDK keys and the project itself (name and roles).
 */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    /** The principal key that grants a role to every authenticated principal. */
    public static final String ANY_PRINCIPAL = "*";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The stronger of the principal's own role and the role given to {@code "*"}; empty if neither exists. */
    public static Optional<Role> of(Project project, String principal) {
        Optional<Role> own = Optional.ofNullable(project.roles().get(principal)).flatMap(Role::fromWire);
        Optional<Role> any = Optional.ofNullable(project.roles().get(ANY_PRINCIPAL)).flatMap(Role::fromWire);
        if (own.isEmpty()) {
            return any;
        }
        if (any.isEmpty()) {
            return own;
        }
        return Optional.of(own.get().includes(any.get()) ? own.get() : any.get());
    }
}
