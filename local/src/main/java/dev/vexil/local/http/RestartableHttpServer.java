package dev.vexil.local.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link HttpServer} that can be stopped and started again on the same port (an {@code HttpServer} itself
 * cannot be restarted). The first start on port 0 picks a free port; later starts reuse it. Stopping stops
 * accepting connections at once and lets in-flight exchanges finish, up to a grace period.
 */
public final class RestartableHttpServer implements AutoCloseable {
    private static final int GRACE_SECONDS = 5;

    private final String name;
    private final InetSocketAddress requested;
    private final HttpHandler handler;
    private final int threads;
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    public RestartableHttpServer(String name, InetSocketAddress address, HttpHandler handler, int threads) {
        this.name = name;
        this.requested = address;
        this.handler = handler;
        this.threads = threads;
        this.port = address.getPort();
    }

    public synchronized RestartableHttpServer start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(requested.getAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot listen on " + requested.getAddress().getHostAddress()
                    + ":" + port + " (is another process using it? choose another port)", e);
        }
        executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(name + "-", 0).daemon(true).factory());
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Stops accepting, waits for in-flight requests (HttpServer.stop's delay), then ends the worker threads. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(GRACE_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** The bound port (after the first {@link #start()}; the requested one before). */
    public synchronized int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }
}
