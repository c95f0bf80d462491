package dev.vexil.core.store;

/**
 * A pointer to one committed change: which resource reached which version. The compiler receives these (from
 * DynamoDB Streams on AWS, from the SQLite adapter's change feed locally) and must build a snapshot that
 * includes at least that version. {@code environment} is null for project-level resources (flag definitions,
 * the project itself), which affect every environment of the project.
 */
public record ChangeRef(String project, String environment, ResourceType type, String key, long version) {
}
