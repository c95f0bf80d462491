package dev.vexil.local.edge;

import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.core.publish.SnapshotSource;
import dev.vexil.local.http.RestartableHttpServer;
import java.net.InetSocketAddress;

/**
 * The local stand-in for CloudFront: serves the SDK paths from any {@link SnapshotSource} (the filesystem
 * locally, S3 in the AWS wiring of the tests), gated by any {@link SdkKeyLookup}. It can be stopped and started
 * again on the same port, which is how the tests simulate an edge outage. {@link #stats()} survive restarts.
 */
public final class EdgeServer implements AutoCloseable {
    private final EdgeStats stats = new EdgeStats();
    private final RestartableHttpServer server;

    public EdgeServer(InetSocketAddress address, SnapshotSource objects, SdkKeyLookup keys) {
        this(address, objects, keys, null);
    }

    /** With {@code POST /sdk/v1/events} taken into {@code ingest} (null: no events route, as before insights). */
    public EdgeServer(InetSocketAddress address, SnapshotSource objects, SdkKeyLookup keys, InsightsIngest ingest) {
        this.server = new RestartableHttpServer("vexil-edge", address, new EdgeHandler(objects, keys, stats, ingest),
                8);
    }

    /** Binds and starts serving. The first start on port 0 picks a free port; later starts reuse that port. */
    public EdgeServer start() {
        server.start();
        return this;
    }

    /** Stops accepting connections and lets in-flight requests finish. */
    public void stop() {
        server.stop();
    }

    public boolean running() {
        return server.running();
    }

    public int port() {
        return server.port();
    }

    public EdgeStats stats() {
        return stats;
    }

    @Override
    public void close() {
        stop();
    }
}
