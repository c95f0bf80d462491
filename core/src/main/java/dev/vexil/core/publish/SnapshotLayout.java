package dev.vexil.core.publish;

/**
 * Where an environment's objects live, relative to the bucket (S3) or the root directory (filesystem).
 * The edge (CloudFront Function, or the local edge) rewrites the SDK paths onto these. See docs/snapshot-delivery.md.
 */
public final class SnapshotLayout {
    public static final String ROOT = "snapshots/";

    private SnapshotLayout() {
    }

    /** {@code snapshots/<project>/<env>/} */
    public static String prefix(String project, String environment) {
        return ROOT + project + "/" + environment + "/";
    }

    /** The current snapshot: {@code snapshots/<project>/<env>/current.json}. */
    public static String current(String project, String environment) {
        return prefix(project, environment) + "current.json";
    }

    /** One immutable version: {@code snapshots/<project>/<env>/v/<version, 20 digits>.json}. */
    public static String version(String project, String environment, long version) {
        return prefix(project, environment) + "v/" + String.format("%020d", version) + ".json";
    }

    /**
     * One immutable delta from version {@code from} to version {@code to}:
     * {@code snapshots/<project>/<env>/d/<to, 20 digits>-<from, 20 digits>.json} (docs/snapshot-format.md, "Deltas").
     */
    public static String delta(String project, String environment, long from, long to) {
        return prefix(project, environment) + "d/" + String.format("%020d", to) + "-" + String.format("%020d", from)
                + ".json";
    }

    /** The emergency kill list, written by operators: {@code snapshots/<project>/<env>/killswitch.json}. */
    public static String killList(String project, String environment) {
        return prefix(project, environment) + "killswitch.json";
    }
}
