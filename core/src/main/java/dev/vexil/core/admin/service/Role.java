package dev.vexil.core.admin.service;

import dev.vexil.core.admin.access.AwsPrincipals;
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

    /**
     * The stronger of the principal's own role and the role given to {@code "*"}; empty if neither exists.
     * Grants are compared in their normal form ({@link AwsPrincipals#grantKey}: role ARNs without a path), so
     * a grant stored before that rule still matches.
     */
    public static Optional<Role> of(Project project, String principal) {
        Optional<Role> own = project.roles().entrySet().stream()
                .filter(grant -> !grant.getKey().equals(ANY_PRINCIPAL)
                        && AwsPrincipals.grantKey(grant.getKey()).equals(principal))
                .map(grant -> Role.fromWire(grant.getValue())).flatMap(Optional::stream)
                .reduce((a, b) -> a.includes(b) ? a : b);
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
