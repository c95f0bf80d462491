package dev.vexil.functions.store.dynamo;

import dev.vexil.core.store.ResourceType;

/**
 * Where the version items of one resource live: partition {@code pk}, sort keys
 * {@code <prefix><key>#<version, 20 digits>} (so a Query in either direction walks the versions in order).
 * {@code environment} is null for project-level resources; {@code label} names the resource in errors.
 */
public record Chain(String pk, String prefix, ResourceType type, String project, String environment, String key,
             String label) {

    /** Sort keys of the versions of one key begin with this. */
    public String keyPrefix() {
        return prefix + key + "#";
    }

    public String sk(long version) {
        return keyPrefix() + ItemKeys.paddedVersion(version);
    }
}
