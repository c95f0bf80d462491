package dev.vexil.local.edge;

import dev.vexil.wire.EnvironmentId;
import dev.vexil.core.publish.SnapshotLayout;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK paths and the stored object each one maps to, as the CloudFront Function rewrites them:
 * {@code /sdk/v1/snapshot}, {@code /sdk/v1/snapshots/{version}}, {@code /sdk/v1/deltas/{from}/{to}} and
 * {@code /sdk/v1/killswitch}.
 */
final class EdgeRoute {
    private static final String CURRENT = "/sdk/v1/snapshot";
    private static final String KILL_LIST = "/sdk/v1/killswitch";
    /** Where SDKs send their evaluation summaries (POST). */
    static final String EVENTS = "/sdk/v1/events";
    private static final Pattern VERSION = Pattern.compile("/sdk/v1/snapshots/([0-9]{1,19})");
    private static final Pattern DELTA = Pattern.compile("/sdk/v1/deltas/([0-9]{1,19})/([0-9]{1,19})");

    private EdgeRoute() {
    }

    /** True for every path the edge gates by SDK key (anything else is a plain 404). */
    static boolean isSdkPath(String path) {
        return path.startsWith("/sdk/v1/");
    }

    /** The layout key for {@code path} in environment {@code id}; empty for a path the edge does not serve. */
    static Optional<String> objectKey(String path, EnvironmentId id) {
        String project = id.project();
        String environment = id.environment();
        if (path.equals(CURRENT)) {
            return Optional.of(SnapshotLayout.current(project, environment));
        }
        if (path.equals(KILL_LIST)) {
            return Optional.of(SnapshotLayout.killList(project, environment));
        }
        Matcher version = VERSION.matcher(path);
        if (version.matches()) {
            try {
                return Optional.of(SnapshotLayout.version(project, environment, Long.parseLong(version.group(1))));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        Matcher delta = DELTA.matcher(path);
        if (delta.matches()) {
            try {
                return Optional.of(SnapshotLayout.delta(project, environment, Long.parseLong(delta.group(1)),
                        Long.parseLong(delta.group(2))));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
