package dev.vexil.core.store;

import java.util.Map;

/** A project. {@code roles} maps a principal (IAM ARN, JWT subject, or local token name) to viewer|editor|admin. */
public record Project(String key, String name, Map<String, String> roles) {
    public Project {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }
}
