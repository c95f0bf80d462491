package dev.vexil.functions.store.dynamo;

import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.support.TriggerRepair;

/**
 * The key layout of the Vexil table (docs/data-model.md). Resource keys match {@code ^[a-z0-9][a-z0-9._-]*$},
 * so {@code #} (which sorts before every key character) separates a key from its version and keeps the
 * versions of one key together, and {@code ~} (which sorts after every key character) bounds a type's range.
 *
 * <pre>
 * pk                      sk                                item
 * PROJECTS                PROJECT#&lt;project&gt;#&lt;v20&gt;          project version
 * P#&lt;project&gt;             ENV#&lt;env&gt;#&lt;v20&gt;                  environment version
 * P#&lt;project&gt;             FLAGDEF#&lt;flag&gt;#&lt;v20&gt;             flag definition version
 * P#&lt;project&gt;#E#&lt;env&gt;    FLAG#&lt;flag&gt;#&lt;v20&gt;                flag configuration version
 * P#&lt;project&gt;#E#&lt;env&gt;    SEGMENT#&lt;segment&gt;#&lt;v20&gt;          segment version (or tombstone)
 * P#&lt;project&gt;#E#&lt;env&gt;    SDKKEY#&lt;id&gt;                       SDK key (updated once, on revocation)
 * P#&lt;project&gt;#E#&lt;env&gt;    CR#&lt;id&gt;#&lt;v20&gt;                    change request version
 * P#&lt;project&gt;#E#&lt;env&gt;    LEASE#APPLY                       apply lease of change requests (no rtype)
 * (same pk)               HEAD#&lt;one of the prefixes above&gt;&lt;key&gt;#   head: the resource's current version
 * </pre>
 */
public final class ItemKeys {
    static final String PROJECTS_PK = "PROJECTS";
    static final String PROJECT_PREFIX = "PROJECT#";
    static final String ENVIRONMENT_PREFIX = "ENV#";
    static final String DEFINITION_PREFIX = "FLAGDEF#";
    static final String CONFIG_PREFIX = "FLAG#";
    static final String SEGMENT_PREFIX = "SEGMENT#";
    static final String SDK_KEY_PREFIX = "SDKKEY#";
    static final String CHANGE_REQUEST_PREFIX = "CR#";
    static final String SCHEDULE_PREFIX = "SCHEDULE#";
    /** The apply lease of an environment's change requests: no rtype, so no stream consumer acts on it. */
    public static final String APPLY_LEASE_SK = "LEASE#APPLY";
    /** Head items: the current version of each resource, at {@code HEAD#<type prefix><key>#}. */
    static final String HEAD_PREFIX = "HEAD#";
    /** Sorts after every resource key character. */
    static final String AFTER_ALL_KEYS = "~";

    /** The chains a snapshot depends on, for the repair a compile does first. */
    public static final TriggerRepair.Chains<Chain> SNAPSHOT_CHAINS = new TriggerRepair.Chains<>(ItemKeys::environment,
            ItemKeys::definition, ItemKeys::config, ItemKeys::segment);

    private ItemKeys() {
    }

    static String paddedVersion(long version) {
        return String.format("%020d", version);
    }

    public static String projectPk(String project) {
        return "P#" + project;
    }

    public static String environmentPk(String project, String environment) {
        return "P#" + project + "#E#" + environment;
    }

    public static Chain project(String project) {
        return new Chain(PROJECTS_PK, PROJECT_PREFIX, ResourceType.PROJECT, project, null, project,
                "project " + project);
    }

    public static Chain environment(String project, String environment) {
        return new Chain(projectPk(project), ENVIRONMENT_PREFIX, ResourceType.ENVIRONMENT, project, environment,
                environment, "environment " + project + "/" + environment);
    }

    public static Chain definition(String project, String flag) {
        return new Chain(projectPk(project), DEFINITION_PREFIX, ResourceType.FLAG_DEFINITION, project, null, flag,
                "flag definition " + project + "/" + flag);
    }

    public static Chain config(String project, String environment, String flag) {
        return new Chain(environmentPk(project, environment), CONFIG_PREFIX, ResourceType.FLAG_CONFIG, project,
                environment, flag, "flag configuration " + project + "/" + environment + "/" + flag);
    }

    public static Chain segment(String project, String environment, String segment) {
        return new Chain(environmentPk(project, environment), SEGMENT_PREFIX, ResourceType.SEGMENT, project,
                environment, segment, "segment " + project + "/" + environment + "/" + segment);
    }

    public static Chain changeRequest(String project, String environment, String id) {
        return new Chain(environmentPk(project, environment), CHANGE_REQUEST_PREFIX, ResourceType.CHANGE_REQUEST,
                project, environment, id, "change request " + project + "/" + environment + "/" + id);
    }

    /** The audit record of a schedule ({@code <flag>/<schedule id>}): its creation and cancellation. */
    public static Chain schedule(String project, String environment, String key) {
        return new Chain(environmentPk(project, environment), SCHEDULE_PREFIX, ResourceType.SCHEDULE, project,
                environment, key, "schedule " + project + "/" + environment + "/" + key);
    }

    public static TypeRange allChangeRequests(String project, String environment) {
        return new TypeRange(environmentPk(project, environment), CHANGE_REQUEST_PREFIX);
    }

    public static TypeRange allProjects() {
        return new TypeRange(PROJECTS_PK, PROJECT_PREFIX);
    }

    public static TypeRange allEnvironments(String project) {
        return new TypeRange(projectPk(project), ENVIRONMENT_PREFIX);
    }

    public static TypeRange allDefinitions(String project) {
        return new TypeRange(projectPk(project), DEFINITION_PREFIX);
    }

    public static TypeRange allConfigs(String project, String environment) {
        return new TypeRange(environmentPk(project, environment), CONFIG_PREFIX);
    }

    public static TypeRange allSegments(String project, String environment) {
        return new TypeRange(environmentPk(project, environment), SEGMENT_PREFIX);
    }
}
