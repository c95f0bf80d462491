package dev.vexil.core.release;

import dev.vexil.core.release.store.ReleaseKey;

/** One flag's configuration in one environment: what a schedule or a rollout plan changes. */
public record FlagRef(String project, String environment, String flag) {
    public static FlagRef of(ReleaseKey key) {
        return new FlagRef(key.project(), key.environment(), key.flag());
    }

    public ReleaseKey key(String kind, String id) {
        return new ReleaseKey(project, environment, flag, kind, id);
    }

    @Override
    public String toString() {
        return project + "/" + environment + "/" + flag;
    }
}
