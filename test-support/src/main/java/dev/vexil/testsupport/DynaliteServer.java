package dev.vexil.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite process (an in-memory, DynamoDB-compatible server on Node.js) on a free loopback port. It runs
 * {@code node <node_modules>/dynalite/cli.js} directly, not through npx, so that {@link #close()} stops exactly
 * the process it started, by PID. Tables are created, deleted and updated instantly.
 *
 * <p>Where dynalite is: the system property {@code vexil.dynalite.cli}, else the environment variable
 * {@code VEXIL_DYNALITE_CLI}, else {@code vexil-dynalite.properties} written into this jar by the test-support
 * build (which runs {@code npm ci}). The {@code node} executable is {@code vexil.node} or {@code node} on PATH.
 *
 * <p>In JUnit 5 tests use {@link DynaliteExtension}, which shares one server per JVM.
 */
public final class DynaliteServer implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private DynaliteServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "dynalite-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook); // no orphaned node process if nobody calls close()
    }

    /** Starts a new dynalite and returns once its port accepts connections. */
    public static DynaliteServer start() {
        String node = System.getProperty("vexil.node", "node");
        Path cli = locateCli();
        requireNode(node);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOn(node, cli, freePort());
            } catch (IllegalStateException e) {
                last = e; // most likely the free port was taken between probing and binding: try another
            }
        }
        throw last;
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:54321}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * A DynamoDB client for this server: the URLConnection HTTP client (as the Lambdas use), region us-east-1,
     * and dummy credentials (dynalite checks that requests are signed, not by whom). The caller closes it.
     */
    public DynamoDbClient newClient() {
        return newClient(new ExecutionInterceptor[0]);
    }

    /** A client whose requests pass through {@code interceptors} first (to count or fail them in tests). */
    public DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    /** Stops the process by PID: a polite destroy first, then a forcible one, waiting for it to exit. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs stop() again, which is harmless
        }
    }

    private void stop() {
        ProcessHandle handle = process.toHandle();
        if (handle.isAlive()) {
            handle.destroy();
            if (!waitForExit()) {
                handle.destroyForcibly();
                waitForExit();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover temporary log file is not worth failing a test run for
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static DynaliteServer startOn(String node, Path cli, int port) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("dynalite-" + port + "-", ".log");
            process = new ProcessBuilder(List.of(node, cli.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite with " + node + " " + cli, e);
        }
        DynaliteServer server = new DynaliteServer(process, port, log);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = readLog(log);
                server.close();
                throw new IllegalStateException("dynalite exited with code " + process.exitValue()
                        + " before listening on port " + port + ":\n" + output);
            }
            if (answers(port)) {
                return server;
            }
            sleep(50);
        }
        String output = readLog(log);
        server.close();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within " + STARTUP_TIMEOUT
                + ":\n" + output);
    }

    private static Path locateCli() {
        String configured = System.getProperty("vexil.dynalite.cli", System.getenv("VEXIL_DYNALITE_CLI"));
        String source = "the system property vexil.dynalite.cli / VEXIL_DYNALITE_CLI";
        if (configured == null) {
            configured = bundledCliPath();
            source = "vexil-dynalite.properties (written by the test-support build)";
        }
        Path cli = Path.of(configured);
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli + " (from " + source + "). Build"
                    + " the test-support module, which runs `npm ci` in test-support/, e.g."
                    + " ./mvnw -pl test-support -am install");
        }
        return cli;
    }

    private static String bundledCliPath() {
        try (InputStream in = DynaliteServer.class.getResourceAsStream("/vexil-dynalite.properties")) {
            if (in == null) {
                throw new IllegalStateException("vexil-dynalite.properties is missing from the classpath: build the"
                        + " test-support module with Maven (it records where npm ci installed dynalite)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("dynalite.cli");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vexil-dynalite.properties", e);
        }
    }

    private static void requireNode(String node) {
        try {
            Process version = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (version.waitFor() != 0) {
                throw new IllegalStateException("`" + node + " --version` failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Node.js is needed to run dynalite (a DynamoDB-compatible server) for the"
                    + " tests, but `" + node + "` could not be run: " + e.getMessage() + ". Install Node.js 20+ and"
                    + " put `node` on PATH, or point the system property vexil.node at it.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for Node.js", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
