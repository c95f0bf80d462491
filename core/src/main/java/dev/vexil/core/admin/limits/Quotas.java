package dev.vexil.core.admin.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-project quotas, checked when a resource is created (docs/architecture.md "Quotas and write rate limit").
 * Updates, kills, rollbacks and revocations are never refused by a quota.
 *
 * <p>The defaults are generous for a team's project (LaunchDarkly and Unleash users rarely go beyond a dozen
 * environments or a few thousand flags) and stay inside the snapshot size limits: 5,000 typical flags and 1,000
 * segments make about 3.5 MB of an environment's 16 MiB. Active SDK keys per environment are few on purpose:
 * rotation needs two or three, not hundreds.
 */
public record Quotas(int environmentsPerProject, int flagsPerProject, int segmentsPerEnvironment,
                     int activeSdkKeysPerEnvironment) {
    public static final Quotas DEFAULTS = new Quotas(50, 5_000, 1_000, 20);

    /** The names used in problem documents, command-line options and environment variables. */
    public static final String ENVIRONMENTS = "environments";
    public static final String FLAGS = "flags";
    public static final String SEGMENTS = "segments";
    public static final String SDK_KEYS = "sdkKeys";

    public Quotas {
        positive(ENVIRONMENTS, environmentsPerProject);
        positive(FLAGS, flagsPerProject);
        positive(SEGMENTS, segmentsPerEnvironment);
        positive(SDK_KEYS, activeSdkKeysPerEnvironment);
    }

    /**
     * The defaults, overridden by a comma-separated list such as {@code flags=10000,sdkKeys=5} (names:
     * {@value #ENVIRONMENTS}, {@value #FLAGS}, {@value #SEGMENTS}, {@value #SDK_KEYS}). Null or blank: the defaults.
     * An unknown name or a value that is not a positive integer is refused, so a typo cannot go unnoticed.
     */
    public static Quotas parse(String spec) {
        Map<String, Integer> values = new LinkedHashMap<>(Map.of(ENVIRONMENTS, DEFAULTS.environmentsPerProject,
                FLAGS, DEFAULTS.flagsPerProject, SEGMENTS, DEFAULTS.segmentsPerEnvironment,
                SDK_KEYS, DEFAULTS.activeSdkKeysPerEnvironment));
        if (spec != null) {
            for (String entry : spec.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] nameAndValue = entry.split("=", 2);
                String name = nameAndValue[0].strip();
                if (!values.containsKey(name) || nameAndValue.length != 2) {
                    throw new IllegalArgumentException("quota \"" + entry.strip() + "\": expected <name>=<number>"
                            + " with a name among " + values.keySet());
                }
                try {
                    values.put(name, Integer.parseInt(nameAndValue[1].strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("quota \"" + name + "\": \"" + nameAndValue[1].strip()
                            + "\" is not a whole number", e);
                }
            }
        }
        return new Quotas(values.get(ENVIRONMENTS), values.get(FLAGS), values.get(SEGMENTS), values.get(SDK_KEYS));
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("quota \"" + name + "\" must be at least 1, not " + value);
        }
    }
}
