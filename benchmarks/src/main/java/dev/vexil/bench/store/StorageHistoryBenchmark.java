package dev.vexil.bench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.compiler.CompileResult;
import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.core.compiler.SnapshotCompiler;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.support.StoreJson;
import dev.vexil.core.store.support.WriteFaults;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.localstore.files.FileSystemSnapshotPublisher;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Segment;
import dev.vexil.model.Serve;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.testsupport.DynaliteServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Storage cost against history (issue 12): for each store (SQLite, DynamoDB on dynalite) and each amount of prior
 * history (0, 1,000, 10,000 versions in the environment), it seeds one environment with the same current resources,
 * adds that many flag-configuration versions through the repository, then measures the compile of the environment
 * (median wall time, items and bytes read per compile) and the admin write latency (PUT of a flag configuration
 * through {@link AdminApi}, with If-Match). A plain main: setup dominates, and the figures compared are ratios
 * between history sizes measured in one run. Usage (docs/benchmarks.md): {@code java -cp
 * benchmarks/target/benchmarks.jar dev.vexil.bench.store.StorageHistoryBenchmark [stores] [histories] [flags]
 * [segments]}, e.g. {@code sqlite,dynalite 0,1000,10000 100 10}.
 */
public final class StorageHistoryBenchmark {
    private static final String PROJECT = "bench";
    private static final String ENV = "prod";
    private static final String PRINCIPAL = "bench-admin";
    private static final int WRITE_WARMUP = 20;
    private static final int WRITES = 60;
    private static final int COMPILE_WARMUP = 3;
    private static final int COMPILES = 21;

    private StorageHistoryBenchmark() {
    }

    /** The items and bytes one store read, counted by its adapter or its client. */
    private static final class Counter {
        final AtomicLong items = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        void read(long n, long size) {
            items.addAndGet(n);
            bytes.addAndGet(size);
        }

        void reset() {
            items.set(0);
            bytes.set(0);
        }
    }

    /** One store under test, empty. */
    private interface Store extends AutoCloseable {
        FlagRepository repository();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        List<String> stores = List.of((args.length > 0 ? args[0] : "sqlite,dynalite").split(","));
        long[] histories = Arrays.stream((args.length > 1 ? args[1] : "0,1000,10000").split(","))
                .mapToLong(Long::parseLong).toArray();
        int flags = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int segments = args.length > 3 ? Integer.parseInt(args[3]) : 10;

        System.out.printf("Storage against history: %d flags, %d segments per environment (JDK %s, %d CPUs)%n",
                flags, segments, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| store | prior versions | PUT flag config median (p90) | compile median (p90) |"
                + " items read per compile | KB read per compile |");
        System.out.println("|---|---|---|---|---|---|");
        DynaliteServer dynalite = stores.contains("dynalite") ? DynaliteServer.start() : null;
        try {
            for (String store : stores) {
                // One unreported round first, so the JIT and the store's caches are warm for the measured ones.
                measure(store, dynalite, 0, flags, segments, false);
                for (long history : histories) {
                    measure(store, dynalite, history, flags, segments, true);
                }
            }
        } finally {
            if (dynalite != null) {
                dynalite.close();
            }
        }
    }

    private static void measure(String store, DynaliteServer dynalite, long history, int flags, int segments,
                                boolean report) throws Exception {
        Counter counter = new Counter();
        try (Store opened = open(store, counter, dynalite, history)) {
            String row = run(store, opened.repository(), counter, history, flags, segments);
            if (report) {
                System.out.println(row);
            }
        }
    }

    private static Store open(String store, Counter counter, DynaliteServer dynalite, long history)
            throws Exception {
        if (store.equals("sqlite")) {
            Path dir = Files.createTempDirectory("vexil-bench-sqlite");
            SqliteFlagRepository sqlite = new SqliteFlagRepository(dir.resolve("vexil.db"), WriteFaults.NONE,
                    counter::read);
            return new Store() {
                public FlagRepository repository() {
                    return sqlite;
                }

                public void close() {
                    sqlite.close();
                }
            };
        }
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new DynamoReadCounter(counter::read)))
                .build();
        String table = "bench-" + history + "-" + System.nanoTime();
        VexilTable.create(client, table, false);
        DynamoDbFlagRepository dynamo = new DynamoDbFlagRepository(client, table);
        return new Store() {
            public FlagRepository repository() {
                return dynamo;
            }

            public void close() {
                client.deleteTable(b -> b.tableName(table));
                client.close();
            }
        };
    }

    /** Seeds, adds {@code history} versions, measures; returns the table row. */
    private static String run(String store, FlagRepository repo, Counter counter, long history, int flags,
                              int segments) throws Exception {
        seed(repo, flags, segments);
        for (long i = 0; i < history; i++) {
            String flag = flagKey((int) (i % flags));
            long current = repo.getFlagConfig(PROJECT, ENV, flag).orElseThrow().version();
            repo.putFlagConfig(PROJECT, ENV, flag, config(i % 2 == 0, "user-" + i), current, meta("update"));
        }

        Path snapshots = Files.createTempDirectory("vexil-bench-snapshots");
        SnapshotCompiler compiler = new SnapshotCompiler(repo, new FileSystemSnapshotPublisher(snapshots),
                Clock.systemUTC(), new CompilerTelemetry(line -> { }, Clock.systemUTC()));
        double[] compileMs = new double[COMPILES];
        long items = 0;
        long bytes = 0;
        for (int i = -COMPILE_WARMUP; i < COMPILES; i++) {
            counter.reset();
            long start = System.nanoTime();
            CompileResult result = compiler.compile(PROJECT, ENV, List.of());
            double ms = (System.nanoTime() - start) / 1e6;
            if (result.outcome() == CompileResult.Outcome.INVALID) {
                throw new IllegalStateException("compile failed: " + result);
            }
            if (i >= 0) {
                compileMs[i] = ms;
                items = counter.items.get();
                bytes = counter.bytes.get();
            }
        }

        AdminApi api = new AdminApi(repo, Clock.systemUTC(), new ObjectMapper());
        double[] writeMs = new double[WRITES];
        for (int i = -WRITE_WARMUP; i < WRITES; i++) {
            String flag = flagKey(Math.floorMod(i, flags));
            long current = repo.getFlagConfig(PROJECT, ENV, flag).orElseThrow().version();
            ApiRequest put = new ApiRequest("PUT", "/v1/projects/" + PROJECT + "/environments/" + ENV + "/flags/"
                    + flag, Map.of("if-match", "\"" + current + "\"", "content-type", "application/json"),
                    Map.of(), StoreJson.write(config(i % 2 != 0, "writer-" + i)), false, PRINCIPAL, null);
            long start = System.nanoTime();
            ApiResponse response = api.handle(put);
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.status() != 200) {
                throw new IllegalStateException("PUT answered " + response.status() + ": " + response.body());
            }
            if (i >= 0) {
                writeMs[i] = ms;
            }
        }
        return String.format(Locale.ROOT, "| %s | %,d | %.1f ms (%.1f) | %.1f ms (%.1f) | %,d | %,.1f |", store,
                history, percentile(writeMs, 50), percentile(writeMs, 90), percentile(compileMs, 50),
                percentile(compileMs, 90), items, bytes / 1024.0);
    }

    private static void seed(FlagRepository repo, int flags, int segments) {
        repo.createProject(new Project(PROJECT, "Benchmark", Map.of(PRINCIPAL, "admin")), meta("create"));
        repo.createEnvironment(PROJECT, new Environment(ENV, "Production", false), meta("create"));
        for (int s = 0; s < segments; s++) {
            repo.putSegment(PROJECT, ENV, new Segment("segment-" + s, "Segment " + s, null,
                    List.of("user-a" + s, "user-b" + s), List.of(), List.of(), null, null), 0, meta("create"));
        }
        for (int f = 0; f < flags; f++) {
            repo.putFlagDefinition(PROJECT, new FlagDefinition(flagKey(f), "Flag " + f, null, FlagType.BOOLEAN,
                    List.of(new Variation(BooleanNode.TRUE, "on"), new Variation(BooleanNode.FALSE, "off")),
                    List.of(), true, "team"), 0, meta("create"));
            repo.putFlagConfig(PROJECT, ENV, flagKey(f), config(false, "seed"), 0, meta("create"));
        }
    }

    private static String flagKey(int i) {
        return String.format("flag-%04d", i);
    }

    private static FlagConfig config(boolean on, String targeted) {
        return new FlagConfig(on, 1, null, List.of(new Target(0, List.of(targeted))), List.of(), List.of(),
                Serve.variation(on ? 0 : 1), null);
    }

    private static ChangeMeta meta(String action) {
        return new ChangeMeta(PRINCIPAL, action, null, null, null);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
