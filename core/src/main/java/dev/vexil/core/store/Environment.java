package dev.vexil.core.store;

/**
 * An environment of a project. A protected environment requires a comment on every change, and takes changes only
 * through change requests (kills excepted), reviewed as {@code review} says (null: {@link ReviewSettings#DEFAULT}).
 */
public record Environment(String key, String name, boolean protectedEnv, ReviewSettings review) {

    public Environment(String key, String name, boolean protectedEnv) {
        this(key, name, protectedEnv, null);
    }

    /** The review settings in force: the stored ones, or the default. */
    public ReviewSettings reviewSettings() {
        return review == null ? ReviewSettings.DEFAULT : review;
    }
}
