package dev.vexil.core.store;

import java.util.List;

/**
 * How change requests are reviewed in a protected environment (docs/change-requests.md): how many distinct
 * approvals a request needs (1 to 5), whether its author may apply it once approved, and which project roles
 * ({@code viewer}, {@code editor}, {@code admin}) may approve.
 */
public record ReviewSettings(int requiredApprovals, boolean authorMayApply, List<String> approverRoles) {
    public static final int MAX_APPROVALS = 5;
    /** What an environment without review settings uses: one approval by an editor or admin. */
    public static final ReviewSettings DEFAULT = new ReviewSettings(1, false, List.of("editor", "admin"));

    public ReviewSettings {
        approverRoles = approverRoles == null ? List.of() : List.copyOf(approverRoles);
    }
}
