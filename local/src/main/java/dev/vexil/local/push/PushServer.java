package dev.vexil.local.push;

import dev.vexil.core.push.ChangeNotifier;
import dev.vexil.local.edge.SdkKeyLookup;
import dev.vexil.wire.ChangeNotification;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The local push channel (docs/push.md): a WebSocket endpoint on its own port speaking the subset of the AppSync
 * Events protocol the SDK uses ({@link EventsProtocolHub}), authorizing with the same SDK-key lookup as the local
 * edge, and the compiler's {@link ChangeNotifier}. It can be stopped and started again on the same port, which is
 * how the tests drop the channel mid-run; notifications sent while it is stopped go nowhere (SDKs poll).
 */
public final class PushServer implements ChangeNotifier, AutoCloseable {
    /** The path AppSync Events serves its realtime endpoint on; the SDK appends nothing. */
    public static final String PATH = "/event/realtime";

    private final InetSocketAddress address;
    private final SdkKeyLookup keys;
    private final Duration keepAlive;
    private final java.util.concurrent.atomic.AtomicLong refusals = new java.util.concurrent.atomic.AtomicLong();
    private volatile EventsProtocolHub hub;
    private int port;

    public PushServer(InetSocketAddress address, SdkKeyLookup keys, Duration keepAlive) {
        this.address = address;
        this.keys = keys;
        this.keepAlive = keepAlive;
        this.port = address.getPort();
    }

    /** Binds and starts. The first start on port 0 picks a free port; later starts reuse it. */
    public synchronized PushServer start() {
        if (hub != null) {
            return this;
        }
        EventsProtocolHub started = EventsProtocolHub.start(new InetSocketAddress(address.getAddress(), port), keys,
                keepAlive, refusals::incrementAndGet);
        port = started.boundPort();
        hub = started;
        return this;
    }

    /** Closes every connection (clients see the channel drop) and stops listening. */
    public synchronized void stop() {
        EventsProtocolHub running = hub;
        hub = null;
        if (running != null) {
            running.shutdown();
        }
    }

    public boolean running() {
        return hub != null;
    }

    public int port() {
        return port;
    }

    /** Connections currently subscribed to {@code channel} (tests, the banner). */
    public int subscribers(String channel) {
        EventsProtocolHub running = hub;
        return running == null ? 0 : running.subscribers(channel);
    }

    /** Connects and subscribes refused for their SDK key since the first start (tests, the banner). */
    public long refusals() {
        return refusals.get();
    }

    @Override
    public void notify(String channel, ChangeNotification notification) {
        EventsProtocolHub running = hub;
        if (running != null) {
            running.publish(channel, notification.toJson());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
