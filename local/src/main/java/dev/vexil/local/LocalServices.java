package dev.vexil.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.core.insights.SnapshotFlagKeys;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.core.compiler.SnapshotCompiler;
import dev.vexil.core.sign.KeyPairSnapshotSigner;
import dev.vexil.core.sign.SnapshotSigner;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.Versioned;
import dev.vexil.core.release.GuardAlarms;
import dev.vexil.core.release.ReleaseAutomation;
import dev.vexil.local.edge.EdgeServer;
import dev.vexil.local.edge.SdkKeyLookup;
import dev.vexil.local.push.PushServer;
import dev.vexil.local.http.AdminApiBackend;
import dev.vexil.local.http.AdminHttpAdapter;
import dev.vexil.local.http.AdminPortHandler;
import dev.vexil.local.http.ConsoleHandler;
import dev.vexil.local.http.BearerTokenAuthenticator;
import dev.vexil.local.http.RestartableHttpServer;
import dev.vexil.localstore.files.FileSystemSnapshotPublisher;
import dev.vexil.localstore.files.FileSystemSnapshotSource;
import dev.vexil.local.release.LocalAlarmsBackend;
import dev.vexil.local.release.LocalGuardNotifier;
import dev.vexil.local.release.LocalScheduler;
import dev.vexil.localstore.insights.SqliteInsightsStore;
import dev.vexil.localstore.release.SqliteReleaseStore;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.snapshot.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The whole service in one JVM, wired from the same core as on AWS: the admin API ({@link AdminApi}, the router
 * and services the admin Lambda runs) behind the HTTP adapter, the SQLite repository, the snapshot compiler fed by
 * the repository's change feed through a {@link CompileQueue}, the filesystem publisher, and the edge reading the
 * published objects through a read-only {@link FileSystemSnapshotSource}. {@link #close()} shuts down in
 * dependency order.
 */
public final class LocalServices implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalServices.class.getName());
    static final String DATABASE_FILE = "vexil.db";
    /** The evaluation counts, in a file of their own (docs/insights.md). */
    static final String INSIGHTS_FILE = "insights.db";
    /** Schedules, rollout plans and guard pointers (docs/release-automation.md). */
    static final String RELEASE_FILE = "release.db";

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SqliteFlagRepository repository;
    private final SqliteInsightsStore insights;
    private final SqliteReleaseStore releaseStore;
    private final LocalGuardNotifier guardNotifications = new LocalGuardNotifier();
    private final LocalScheduler scheduler;
    private final FileSystemSnapshotPublisher publisher;
    private final SnapshotSigner signer;
    private final CompileQueue compileQueue;
    private final EdgeServer edge;
    private final PushServer push;
    private final RestartableHttpServer admin;
    private final LocalCredentials credentials;
    private final String adminToken;
    private final boolean tokenFromEnvironment;
    private boolean closed;

    /** Options beyond {@link LocalConfig}; tests use them, the command line uses the defaults. */
    public static final class Options {
        private UnaryOperator<SnapshotPublisher> publisherDecorator = UnaryOperator.identity();
        private Clock clock = Clock.systemUTC();
        private Duration batchingWindow = Duration.ofMillis(25);
        private Duration pushKeepAlive = Duration.ofSeconds(10);

        /** How often the push channel sends {@code ka} (tests shorten it). */
        public Options pushKeepAlive(Duration interval) {
            this.pushKeepAlive = interval;
            return this;
        }

        /** Wraps the publisher the compiler writes through (e.g. to inject a fault); the edge reads the files. */
        public Options publisherDecorator(UnaryOperator<SnapshotPublisher> decorator) {
            this.publisherDecorator = decorator;
            return this;
        }

        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Options batchingWindow(Duration window) {
            this.batchingWindow = window;
            return this;
        }
    }

    public static LocalServices start(LocalConfig config) {
        return start(config, new Options());
    }

    public static LocalServices start(LocalConfig config, Options options) {
        return new LocalServices(config, options);
    }

    private LocalServices(LocalConfig config, Options options) {
        this.dataDir = config.dataDir();
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockChannel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + dataDir.toAbsolutePath(), e);
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            throw new IllegalStateException("another Vexil local is already using " + dataDir.toAbsolutePath()
                    + " (stop it, or choose another --data-dir)");
        }
        SqliteFlagRepository openedRepository = null;
        SqliteInsightsStore openedInsights = null;
        SqliteReleaseStore openedRelease = null;
        CompileQueue openedQueue = null;
        EdgeServer openedEdge = null;
        PushServer openedPush = null;
        try {
            openedRepository = new SqliteFlagRepository(dataDir.resolve(DATABASE_FILE));
            this.repository = openedRepository;
            openedInsights = new SqliteInsightsStore(dataDir.resolve(INSIGHTS_FILE));
            this.insights = openedInsights;
            openedRelease = new SqliteReleaseStore(dataDir.resolve(RELEASE_FILE));
            this.releaseStore = openedRelease;
            this.publisher = new FileSystemSnapshotPublisher(dataDir);
            this.signer = new KeyPairSnapshotSigner(SigningKeyFile.loadOrCreate(dataDir));
            openedPush = new PushServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.pushPort()),
                    SdkKeyLookup.activeKeysOf(repository), options.pushKeepAlive);
            this.push = openedPush;
            SnapshotCompiler compiler = new SnapshotCompiler(repository, options.publisherDecorator.apply(publisher),
                    options.clock, CompilerTelemetry.stdout(options.clock), signer, push);
            openedQueue = new CompileQueue(compiler::compile, this::environmentKeys, options.batchingWindow);
            this.compileQueue = openedQueue;
            LocalCredentials stored = LocalCredentials.loadOrCreate(dataDir);
            LocalCredentials seeded = new DemoSeeder(repository, options.clock).seed(stored);
            if (!seeded.equals(stored)) {
                seeded.save(dataDir);
            }
            this.credentials = seeded;
            // Fed only from here on: the seeding's intermediate states (a flag defined but not yet configured in
            // every environment) need no compile; the reconciliation below compiles the seeded result once.
            repository.addChangeListener(compileQueue::accept);
            this.tokenFromEnvironment = config.fixedAdminToken() != null;
            this.adminToken = tokenFromEnvironment ? config.fixedAdminToken() : credentials.adminToken();

            reconcileSnapshots();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            FileSystemSnapshotSource objects = new FileSystemSnapshotSource(dataDir);
            openedEdge = new EdgeServer(new InetSocketAddress(loopback, config.edgePort()), objects,
                    SdkKeyLookup.activeKeysOf(repository),
                    new InsightsIngest(insights, new SnapshotFlagKeys(objects), options.clock));
            this.edge = openedEdge;
            ObjectMapper mapper = AdminJson.newMapper();
            ReleaseAutomation release = new ReleaseAutomation(releaseStore, GuardAlarms.ANY_NAME);
            AdminApi api = AdminApi.builder(repository, options.clock, mapper)
                    .policy(accessPolicy(config)).limits(config.adminLimits(options.clock)).insights(insights)
                    .release(release).build();
            AdminHttpAdapter adapter = new AdminHttpAdapter(
                    new LocalAlarmsBackend(new AdminApiBackend(api, mapper), api,
                            release.guards(repository, guardNotifications, mapper, options.clock), mapper),
                    new BearerTokenAuthenticator(credentials.adminTokenName(), adminToken), options.clock);
            this.admin = new RestartableHttpServer("vexil-admin", new InetSocketAddress(loopback, config.adminPort()),
                    new AdminPortHandler(new ConsoleHandler(), adapter), 8);
            edge.start();
            push.start();
            admin.start();
            this.scheduler = new LocalScheduler(release.scheduler(repository, mapper, options.clock),
                    config.schedulerTick());
        } catch (RuntimeException e) { // e.g. a port in use: undo what was started, in reverse order
            if (openedPush != null) {
                openedPush.stop();
            }
            if (openedEdge != null) {
                openedEdge.stop();
            }
            if (openedQueue != null) {
                openedQueue.close();
            }
            if (openedInsights != null) {
                openedInsights.close();
            }
            if (openedRelease != null) {
                openedRelease.close();
            }
            if (openedRepository != null) {
                openedRepository.close();
            }
            releaseLock();
            throw e;
        }
    }

    /** By default only the admin token's own principal may create projects, so the demo works as before. */
    private AccessPolicy accessPolicy(LocalConfig config) {
        return AccessPolicy.parse(config.projectCreators() == null ? credentials.adminTokenName()
                : config.projectCreators(), config.breakGlass());
    }

    /** The data directory's lock, or null when another process (or another stack in this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /**
     * Compiles every environment once at start-up and waits for it, so that the edge serves a snapshot from its
     * first request, even if the previous run stopped before its last compile. An unchanged environment writes
     * nothing (the publisher is idempotent).
     */
    private void reconcileSnapshots() {
        String cursor = null;
        do {
            Page<Versioned<Project>> page = repository.listProjects(cursor, 100);
            for (Versioned<Project> project : page.items()) {
                for (String environment : environmentKeys(project.value().key())) {
                    compileQueue.requestCompile(project.value().key(), environment);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        try {
            if (!compileQueue.awaitIdle(Duration.ofSeconds(30))) {
                LOG.warning("start-up compile still running after 30 s; continuing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> environmentKeys(String project) {
        return repository.listEnvironments(project).stream().map(Versioned::value).map(Environment::key).toList();
    }

    public Path dataDir() {
        return dataDir;
    }

    public int adminPort() {
        return admin.port();
    }

    public int edgePort() {
        return edge.port();
    }

    public URI adminBaseUri() {
        return URI.create("http://127.0.0.1:" + adminPort());
    }

    public int pushPort() {
        return push.port();
    }

    /** The push channel the SDK connects to ({@code VexilClient.Builder.realtimeUrl}). */
    public URI realtimeUri() {
        return URI.create("ws://127.0.0.1:" + pushPort() + PushServer.PATH);
    }

    /** The push channel, for tests that drop it mid-run. */
    public PushServer pushServer() {
        return push;
    }

    public URI edgeBaseUri() {
        return URI.create("http://127.0.0.1:" + edgePort());
    }

    /** The token admin calls must carry ({@code VEXIL_ADMIN_TOKEN} if set, else the stored one). */
    public String adminToken() {
        return adminToken;
    }

    public boolean tokenFromEnvironment() {
        return tokenFromEnvironment;
    }

    /** The key every snapshot is signed with (from {@code signing-key.pem} in the data directory). */
    public SnapshotSigner signer() {
        return signer;
    }

    /** The PEM public key SDKs should trust (also in {@code signing-key.pub.pem}). */
    public String signingPublicKeyPem() {
        return SigningKeys.toPem(signer.publicKey());
    }

    public LocalCredentials credentials() {
        return credentials;
    }

    public SqliteFlagRepository repository() {
        return repository;
    }

    public SqliteInsightsStore insights() {
        return insights;
    }

    public SqliteReleaseStore releaseStore() {
        return releaseStore;
    }

    /** The guard restores notified since start (local mode's stand-in for the SNS topic). */
    public LocalGuardNotifier guardNotifications() {
        return guardNotifications;
    }

    public FileSystemSnapshotPublisher publisher() {
        return publisher;
    }

    public CompileQueue compileQueue() {
        return compileQueue;
    }

    public EdgeServer edge() {
        return edge;
    }

    /** The admin API's server, which tests stop and start again. */
    public RestartableHttpServer admin() {
        return admin;
    }

    /**
     * Stops accepting admin requests and lets in-flight ones finish, stops the edge, compiles what is still
     * queued, then closes the store. Nothing is left half-written: every change is one committed SQLite write,
     * and every snapshot is published by an atomic rename.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        admin.stop();
        push.stop();
        edge.stop();
        compileQueue.close();
        insights.close();
        releaseStore.close();
        repository.close();
        releaseLock();
    }

    private void releaseLock() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warning("cannot release the data directory lock: " + e.getMessage());
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a lock file
        }
    }
}
