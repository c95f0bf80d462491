package dev.vexil.localstore.sqlite;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.TriggerRepair;
import dev.vexil.core.store.support.ResourceChain;

/**
 * Where each resource's head row ({@code heads}) and version rows ({@code versions}) live (the SQLite counterpart of the DynamoDB
 * adapter's {@code ItemKeys}). {@code scope} is {@code ""} for projects, {@code "<project>"} for environments and
 * flag definitions, and {@code "<project>/<environment>"} for flag configurations and segments
 * (docs/data-model.md); within a scope, rows are keyed by (rtype, rkey, version).
 */
final class RowKeys {
    private static final String PROJECTS_SCOPE = "";

    /** The version rows of one resource; {@code label} names it in errors. */
    record Chain(String scope, ResourceType type, String key, String label) implements ResourceChain {
        @Override
        public String environment() {
            return environmentOf(scope, type, key);
        }
    }

    /** The environment a row belongs to (an environment's row: itself); null for project-level rows. */
    static String environmentOf(String scope, ResourceType type, String key) {
        if (type == ResourceType.ENVIRONMENT) {
            return key;
        }
        int slash = scope.indexOf('/');
        return slash < 0 ? null : scope.substring(slash + 1);
    }

    /** Every resource of one type in one scope. */
    record Range(String scope, ResourceType type) {
    }

    /** The chains a snapshot depends on, for the repair a compile does first. */
    static final TriggerRepair.Chains<Chain> SNAPSHOT_CHAINS = new TriggerRepair.Chains<>(RowKeys::environment,
            RowKeys::definition, RowKeys::config, RowKeys::segment);

    private RowKeys() {
    }

    static Chain project(String project) {
        return new Chain(PROJECTS_SCOPE, ResourceType.PROJECT, project, "project " + project);
    }

    static Chain environment(String project, String environment) {
        return new Chain(project, ResourceType.ENVIRONMENT, environment, "environment " + project + "/" + environment);
    }

    static Chain definition(String project, String flag) {
        return new Chain(project, ResourceType.FLAG_DEFINITION, flag, "flag definition " + project + "/" + flag);
    }

    static Chain config(String project, String environment, String flag) {
        return new Chain(environmentScope(project, environment), ResourceType.FLAG_CONFIG, flag,
                "flag configuration " + project + "/" + environment + "/" + flag);
    }

    static Chain segment(String project, String environment, String segment) {
        return new Chain(environmentScope(project, environment), ResourceType.SEGMENT, segment,
                "segment " + project + "/" + environment + "/" + segment);
    }

    static Chain changeRequest(String project, String environment, String id) {
        return new Chain(environmentScope(project, environment), ResourceType.CHANGE_REQUEST, id,
                "change request " + project + "/" + environment + "/" + id);
    }

    /** The audit record of a schedule ({@code <flag>/<schedule id>}): its creation and cancellation. */
    static Chain schedule(String project, String environment, String key) {
        return new Chain(environmentScope(project, environment), ResourceType.SCHEDULE, key,
                "schedule " + project + "/" + environment + "/" + key);
    }

    static Range allChangeRequests(String project, String environment) {
        return new Range(environmentScope(project, environment), ResourceType.CHANGE_REQUEST);
    }

    static Range allProjects() {
        return new Range(PROJECTS_SCOPE, ResourceType.PROJECT);
    }

    static Range allEnvironments(String project) {
        return new Range(project, ResourceType.ENVIRONMENT);
    }

    static Range allDefinitions(String project) {
        return new Range(project, ResourceType.FLAG_DEFINITION);
    }

    static Range allConfigs(String project, String environment) {
        return new Range(environmentScope(project, environment), ResourceType.FLAG_CONFIG);
    }

    static Range allSegments(String project, String environment) {
        return new Range(environmentScope(project, environment), ResourceType.SEGMENT);
    }

    /** The scope of the history kept with an environment, or with the project ({@code environment} null). */
    static String auditScope(String project, String environment) {
        return environment == null ? project : environmentScope(project, environment);
    }

    static String environmentScope(String project, String environment) {
        return project + "/" + environment;
    }
}
