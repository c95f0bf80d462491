package dev.vexil.core.store.support;

import dev.vexil.core.store.ResourceType;

/** One resource's head and history, as an adapter names them; {@code label} names the resource in errors. */
public interface ResourceChain {
    ResourceType type();

    String key();

    String label();

    /** The environment the resource belongs to (an environment: itself); null for project-level resources. */
    String environment();
}
