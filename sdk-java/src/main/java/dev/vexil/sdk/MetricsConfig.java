package dev.vexil.sdk;

import java.time.Duration;

/**
 * The evaluation-metrics settings of {@link VexilClient.Builder}: whether to count and send at all, how often to
 * send, and how many flag × variation × reason entries an undelivered summary may hold (the cap of docs/insights.md).
 */
record MetricsConfig(boolean enabled, Duration interval, int maxEntries) {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_ENTRIES = 10_000;

    static MetricsConfig defaults() {
        return new MetricsConfig(true, DEFAULT_INTERVAL, DEFAULT_MAX_ENTRIES);
    }
}
