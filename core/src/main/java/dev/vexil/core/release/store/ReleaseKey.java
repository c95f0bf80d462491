package dev.vexil.core.release.store;

import java.util.Objects;

/**
 * Names one item of release automation: the flag it acts on (project, environment, flag), its {@code kind}
 * (e.g. {@code schedule}, {@code rollout}; another feature may add its own) and its id within that flag and kind.
 */
public record ReleaseKey(String project, String environment, String flag, String kind, String id) {
    public ReleaseKey {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return project + "/" + environment + "/" + flag + " " + kind + " " + id;
    }
}
