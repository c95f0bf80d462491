package dev.vexil.sdk;

import java.net.URI;
import java.time.Duration;

/**
 * The push channel's settings (docs/push.md). Push runs when a realtime URL is set and it is not turned off.
 *
 * @param realtimeUrl null: no push channel, polling only
 */
record PushConfig(URI realtimeUrl, boolean enabled, Duration reconnectBase, Duration reconnectCap) {
    static final Duration DEFAULT_RECONNECT_BASE = Duration.ofSeconds(1);
    static final Duration DEFAULT_RECONNECT_CAP = Duration.ofMinutes(2);

    boolean active() {
        return enabled && realtimeUrl != null;
    }
}
