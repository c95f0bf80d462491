package dev.vexil.sdk;

import dev.vexil.sdk.push.PushChannel;
import dev.vexil.snapshot.SnapshotVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A client's configuration, as set on {@link VexilClient.Builder}, and the parts built from it. Immutable.
 *
 * @param cacheDirectory null without a last-known-good cache
 * @param bootstrap      null without a bootstrap file
 */
record ClientConfig(URI edgeBaseUrl, String sdkKey, Duration pollInterval, Path cacheDirectory, Path bootstrap,
                    boolean offline, Duration connectTimeout, Duration requestTimeout, Duration backoffBase,
                    Duration backoffCap, Duration backoffFloor, Duration keyRefusedRetry, Duration stalenessCheckInterval,
                    Clock clock, List<PublicKey> trustedKeys, int maxBodyBytes, MetricsConfig metrics, PushConfig push) {

    ClientConfig {
        trustedKeys = List.copyOf(trustedKeys);
    }

    /** Reads snapshots from every source; checks signatures when keys are trusted. */
    SnapshotReader reader() {
        return new SnapshotReader(trustedKeys.isEmpty() ? null : SnapshotVerifier.trusting(trustedKeys));
    }

    /** The last-known-good cache, or null without a cache directory. */
    SnapshotCache cache(SnapshotReader reader) {
        return cacheDirectory == null ? null : new SnapshotCache(cacheDirectory, edgeBaseUrl, sdkKey, reader);
    }

    EdgeClient edgeClient() {
        return new EdgeClient(edgeBaseUrl, sdkKey, connectTimeout, requestTimeout, clock, maxBodyBytes);
    }

    /** The push channel feeding {@code sync}, or null when push is off (or the client is offline). */
    PushChannel pushChannel(PushSync sync) {
        if (!push.active() || offline) {
            return null;
        }
        return new PushChannel(push.realtimeUrl(), sdkKey, sync::channel, sync, push.reconnectBase(),
                push.reconnectCap(), connectTimeout);
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
        return new Backoff(backoffBase, backoffCap, backoffFloor, keyRefusedRetry, new SplittableRandom());
    }

    /** Never shows the SDK key: a configuration may end up in a log line. */
    @Override
    public String toString() {
        return "ClientConfig{edgeBaseUrl=" + edgeBaseUrl + ", pollInterval=" + pollInterval + ", cacheDirectory="
                + cacheDirectory + ", bootstrap=" + bootstrap + ", offline=" + offline + ", trustedKeys="
                + trustedKeys.size() + ", metrics=" + metrics + ", push=" + push + '}';
    }
}
