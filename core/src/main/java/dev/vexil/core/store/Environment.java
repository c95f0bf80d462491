package dev.vexil.core.store;

/** An environment of a project. A protected environment requires a comment on every change. */
public record Environment(String key, String name, boolean protectedEnv) {
}
