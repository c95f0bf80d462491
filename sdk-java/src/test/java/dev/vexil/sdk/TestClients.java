package dev.vexil.sdk;

import java.time.Duration;

/** Client builders tuned for fast tests: short poll interval, short timeouts, short backoff. */
final class TestClients {
    static final String KEY = "sdk-test-key-0000000000000000000000000000000000";

    private TestClients() {
    }

    /** Waits for the first snapshot and for its change events to be delivered, so later listeners start clean. */
    static VexilClient settled(VexilClient client) {
        if (!client.waitForInitialization(Duration.ofSeconds(30))) {
            throw new AssertionError("client did not initialize");
        }
        try {
            client.awaitListenersIdle(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return client;
    }

    static VexilClient.Builder fast(FakeEdge edge) {
        return fast(edge.baseUri());
    }

    static VexilClient.Builder fast(java.net.URI edge) {
        return VexilClient.builder(edge, KEY)
                .pollInterval(Duration.ofMillis(50))
                .requestTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(20))
                .stalenessCheckInterval(Duration.ofMillis(50));
    }
}
