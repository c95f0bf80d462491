package dev.vexil.functions.store.dynamo;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.ResourceChain;

/**
 * Where the items of one resource live: partition {@code pk}; the head at {@code HEAD#<prefix><key>#}, the
 * history at {@code <prefix><key>#<version, 20 digits>} (so a Query in either direction walks the versions in
 * order).
 * {@code environment} is null for project-level resources; {@code label} names the resource in errors.
 */
public record Chain(String pk, String prefix, ResourceType type, String project, String environment, String key,
             String label) implements ResourceChain {

    /** Sort keys of the versions of one key begin with this. */
    public String keyPrefix() {
        return prefix + key + "#";
    }

    /** The sort key of the head item: {@code HEAD#<prefix><key>#}. */
    public String headSk() {
        return ItemKeys.HEAD_PREFIX + keyPrefix();
    }

    /** The audit index partition of its history items: its environment's, or the project's. */
    public String auditPk() {
        return type() == ResourceType.FLAG_CONFIG || type() == ResourceType.SEGMENT
                || type() == ResourceType.CHANGE_REQUEST || type() == ResourceType.SCHEDULE
                ? ItemKeys.environmentPk(project, environment) : ItemKeys.projectPk(project);
    }

    public String sk(long version) {
        return keyPrefix() + ItemKeys.paddedVersion(version);
    }
}
