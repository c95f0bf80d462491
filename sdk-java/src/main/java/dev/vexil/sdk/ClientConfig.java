package dev.vexil.sdk;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A client's configuration, as set on {@link VexilClient.Builder}, and the parts built from it. Immutable.
 *
 * @param cacheDirectory null without a last-known-good cache
 * @param bootstrap      null without a bootstrap file
 */
record ClientConfig(URI edgeBaseUrl, String sdkKey, Duration pollInterval, Path cacheDirectory, Path bootstrap,
                    boolean offline, Duration connectTimeout, Duration requestTimeout, Duration backoffBase,
                    Duration backoffCap, Duration backoffFloor, Duration stalenessCheckInterval, Clock clock,
                    MetricsConfig metrics) {

    /** The last-known-good cache, or null without a cache directory. */
    SnapshotCache cache() {
        return cacheDirectory == null ? null : new SnapshotCache(cacheDirectory, edgeBaseUrl, sdkKey);
    }

    EdgeClient edgeClient() {
        return new EdgeClient(edgeBaseUrl, sdkKey, connectTimeout, requestTimeout, clock);
    }

    /** Counting and sending evaluation metrics, or null when they are off (or the client is offline). */
    MetricsReporter metricsReporter(CounterRegistry registry) {
        if (!metrics.enabled() || offline) {
            return null;
        }
        return new MetricsReporter(registry, new EventsPoster(edgeBaseUrl, sdkKey, connectTimeout, requestTimeout),
                metrics, clock, requestTimeout.plus(connectTimeout));
    }

    Backoff backoff() {
        return new Backoff(backoffBase, backoffCap, backoffFloor, new SplittableRandom());
    }

    /** Never shows the SDK key: a configuration may end up in a log line. */
    @Override
    public String toString() {
        return "ClientConfig{edgeBaseUrl=" + edgeBaseUrl + ", pollInterval=" + pollInterval + ", cacheDirectory="
                + cacheDirectory + ", bootstrap=" + bootstrap + ", offline=" + offline + ", metrics=" + metrics + '}';
    }
}
