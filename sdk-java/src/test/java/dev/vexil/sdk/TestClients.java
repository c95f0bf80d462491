package dev.vexil.sdk;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** An offline client serving {@code snapshotJson} from a bootstrap file in {@code dir}, already initialized. */
    static VexilClient offline(Path dir, byte[] snapshotJson) throws IOException {
        Path bootstrap = Files.write(dir.resolve("bootstrap.json"), snapshotJson);
        VexilClient client = VexilClient.builder(URI.create("http://127.0.0.1:9"), "unused").offline(true)
                .bootstrap(bootstrap).build();
        if (!client.waitForInitialization(Duration.ZERO)) {
            throw new AssertionError("the bootstrap file did not load");
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
