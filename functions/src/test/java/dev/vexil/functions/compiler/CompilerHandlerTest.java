package dev.vexil.functions.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.core.publish.Gzip;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.StoredObject;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.publish.S3ProxyFixture;
import dev.vexil.functions.publish.S3SnapshotPublisher;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.testsupport.DynaliteExtension;
import dev.vexil.testsupport.DynaliteServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The compiler Lambda's handler fed stream events in Lambda's JSON shape (deserialized by the Lambda runtime's
 * serializer), over the DynamoDB adapter on dynalite and the S3 publisher on S3Proxy.
 */
@ExtendWith(DynaliteExtension.class)
class CompilerHandlerTest {
    private static final String BUCKET = "vexil-snapshots";
    private static final AtomicInteger PROJECTS = new AtomicInteger();
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private static S3ProxyFixture s3proxy;
    private static S3Client s3;
    private static DynaliteServer dynalite;
    private static DynamoDbClient dynamo;

    private final String project = "shop" + PROJECTS.incrementAndGet();
    private final String table = "vexil-compiler-" + project;
    private final LogLines logs = new LogLines();
    private DynamoDbFlagRepository repository;
    private Environments environments;
    private FlakyS3Client flakyS3;
    private CompilerHandler handler;

    @BeforeAll
    static void startServers(DynaliteServer server) {
        dynalite = server;
        dynamo = dynalite.newClient();
        s3proxy = S3ProxyFixture.start();
        s3 = s3proxy.client();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        s3proxy.close();
        dynamo.close();
    }

    @BeforeEach
    void setUp() {
        VexilTable.create(dynamo, table);
        repository = new DynamoDbFlagRepository(dynamo, table);
        environments = new Environments(repository);
        environments.project(project, "staging", "production");
        flakyS3 = new FlakyS3Client(s3proxy.client());
        handler = handler(repository, flakyS3);
    }

    @AfterEach
    void tearDown() {
        flakyS3.close();
        dynamo.deleteTable(b -> b.tableName(table));
    }

    private CompilerHandler handler(FlagRepository store, S3Client client) {
        Clock clock = Clock.systemUTC();
        return new CompilerHandler(store, new S3SnapshotPublisher(client, BUCKET), clock,
                new CompilerTelemetry(logs, clock));
    }

    private long counter(String environment) {
        return repository.loadEnvironmentState(project, environment, List.of()).changeCounter();
    }

    private Snapshot current(String environment) throws Exception {
        StoredObject object = new S3SnapshotPublisher(s3, BUCKET).read(SnapshotLayout.current(project, environment))
                .orElseThrow();
        return SnapshotCodec.read(Gzip.decompress(object.body()));
    }

    private String etag(String environment) {
        return s3.headObject(b -> b.bucket(BUCKET).key(SnapshotLayout.current(project, environment))).eTag();
    }

    private List<String> objects() {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(SnapshotLayout.ROOT + project + "/")).contents()
                .stream().map(S3Object::key).sorted().toList();
    }

    private static String nextSequenceNumber() {
        return String.format("4%020d", SEQUENCE.incrementAndGet());
    }

    /** The batch a change in each environment and a definition change produce, with real versions. */
    private DynamodbEvent twoEnvironmentBatch() {
        Map<String, String> values = new HashMap<>();
        values.put("project", project);
        putVersion(values, "stagingConfig", environments.toggle(project, "staging", false));
        putVersion(values, "productionConfig", environments.toggle(project, "production", false));
        putVersion(values, "definition", environments.redefine(project, "Checkout v2"));
        for (int i = 1; i <= 5; i++) {
            values.put("seq" + i, nextSequenceNumber());
        }
        return StreamEvents.load("two-environments-batch.json", values);
    }

    /** The batch one change to the flag in {@code environment} produces. */
    private DynamodbEvent changeIn(String environment, boolean on) {
        return configChangeBatch(environment, environments.toggle(project, environment, on));
    }

    private DynamodbEvent configChangeBatch(String environment, long configVersion) {
        Map<String, String> values = new HashMap<>(Map.of("project", project, "environment", environment,
                "seq1", nextSequenceNumber()));
        putVersion(values, "config", configVersion);
        return StreamEvents.load("one-environment-batch.json", values);
    }

    /** A version as the item's {@code version} (N) and as the 20-digit suffix of its sort key. */
    private static void putVersion(Map<String, String> values, String name, long version) {
        values.put(name + "Version", Long.toString(version));
        values.put(name + "Padded", String.format("%020d", version));
    }

    /**
     * Writes the next version of the flag's configuration straight into the table, as a copy of the current
     * item whose rule now matches a segment that does not exist: state the admin API would have refused.
     * Returns the version written.
     */
    /** Moves the flag's head to a new version that names a missing segment, and adds its history item. */
    private long writeInvalidConfigBypassingValidation(String environment) {
        String pk = "P#" + project + "#E#" + environment;
        String headSk = "HEAD#FLAG#" + Environments.FLAG + "#";
        Map<String, AttributeValue> head = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(headSk)))).item();
        long next = Long.parseLong(head.get("version").n()) + 1;
        Map<String, AttributeValue> item = new HashMap<>(head);
        item.put("version", AttributeValue.fromN(Long.toString(next)));
        String content = head.get("content").s();
        assertThat(content).contains("\"beta\"");
        item.put("content", AttributeValue.fromS(content.replace("\"beta\"", "\"no-such-segment\"")));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", head.get("version"))));
        item.put("sk", AttributeValue.fromS("FLAG#" + Environments.FLAG + "#" + String.format("%020d", next)));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(sk)"));
        return next;
    }

    private static String sequenceNumber(DynamodbEvent event, int record) {
        return event.getRecords().get(record).getDynamodb().getSequenceNumber();
    }

    @Test
    void aBatchOverTwoEnvironmentsPublishesBoth() throws Exception {
        DynamodbEvent batch = twoEnvironmentBatch();

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        for (String environment : List.of("staging", "production")) {
            Snapshot snapshot = current(environment);
            assertThat(snapshot.version()).isEqualTo(counter(environment));
            assertThat(snapshot.flags().getFirst().on()).isFalse();
        }
        assertThat(logs.compileLines("staging")).extracting(l -> l.path("outcome").asText()).containsExactly("PUBLISHED");
        assertThat(logs.compileLines("production")).extracting(l -> l.path("outcome").asText()).containsExactly("PUBLISHED");
    }

    @Test
    void aFailedPutReturnsExactlyThatEnvironmentsRecordsAndTheRetryPublishes() throws Exception {
        DynamodbEvent batch = twoEnvironmentBatch();
        flakyS3.failNextPuts(SnapshotLayout.prefix(project, "production"), 1);

        StreamsEventResponse response = handler.handleRequest(batch, null);

        // production's own change and the definition change (which touched every environment); not staging's,
        // nor the SDK key and foreign records, which the snapshot does not depend on.
        assertThat(StreamEvents.failures(response)).containsExactlyInAnyOrder(sequenceNumber(batch, 1),
                sequenceNumber(batch, 2));
        assertThat(current("staging").version()).isEqualTo(counter("staging"));
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(SnapshotLayout.prefix(project, "production")))
                .contents()).isEmpty();
        assertThat(logs.withMetric("CompileFailures")).singleElement()
                .satisfies(l -> assertThat(l.path("environment").asText()).isEqualTo("production"));

        StreamsEventResponse retry = handler.handleRequest(StreamEvents.retryOf(batch, response), null);

        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(current("production").version()).isEqualTo(counter("production"));
        assertThat(current("production").flags().getFirst().on()).isFalse();
    }

    @Test
    void aReplayOfAnOldBatchLeavesTheNewerSnapshotInPlace() throws Exception {
        DynamodbEvent old = changeIn("production", false);
        handler.handleRequest(old, null);
        DynamodbEvent newer = changeIn("production", true);
        handler.handleRequest(newer, null);
        long newest = counter("production");
        String etag = etag("production");
        List<String> objects = objects();

        StreamsEventResponse replay = handler.handleRequest(old, null);

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(current("production").version()).isEqualTo(newest);
        assertThat(current("production").flags().getFirst().on()).isTrue();
        assertThat(etag("production")).isEqualTo(etag);
        assertThat(objects()).isEqualTo(objects);
        assertThat(logs.compileLines("production")).extracting(l -> l.path("outcome").asText()).last()
                .isEqualTo("UNCHANGED");
    }

    @Test
    void anInvalidEnvironmentIsNotPublishedAndThePreviousSnapshotStays() throws Exception {
        handler.handleRequest(changeIn("production", true), null);
        long good = counter("production");
        String etag = etag("production");
        List<String> objects = objects();
        DynamodbEvent batch = configChangeBatch("production", writeInvalidConfigBypassingValidation("production"));

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).as("a retry cannot fix an invalid state").isEmpty();
        assertThat(current("production").version()).isEqualTo(good);
        assertThat(etag("production")).isEqualTo(etag);
        assertThat(objects()).isEqualTo(objects);
        assertThat(logs.withMetric("InvalidEnvironment")).singleElement().satisfies(l -> {
            assertThat(l.path("environment").asText()).isEqualTo("production");
            assertThat(l.path("version").asLong()).isEqualTo(good + 1);
            assertThat(l.path("problems").toString()).contains("no-such-segment");
        });
    }

    @Test
    void racingCompilersAlwaysLeaveTheHighestVersionCurrent() throws Exception {
        try (DynamoDbClient otherDynamo = dynalite.newClient(); S3Client otherS3 = s3proxy.client()) {
            CompilerHandler first = handler;
            CompilerHandler second = handler(new DynamoDbFlagRepository(otherDynamo, table), otherS3);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            long expected = counter("production");
            try {
                for (int round = 0; round < 100; round++) {
                    DynamodbEvent batch = changeIn("production", round % 2 == 0);
                    expected++; // every change raises the environment's counter by exactly one
                    CountDownLatch start = new CountDownLatch(1);
                    Future<StreamsEventResponse> a = threads.submit(() -> {
                        start.await();
                        return first.handleRequest(batch, null);
                    });
                    Future<StreamsEventResponse> b = threads.submit(() -> {
                        start.await();
                        return second.handleRequest(batch, null);
                    });
                    start.countDown();
                    assertThat(a.get(30, TimeUnit.SECONDS).getBatchItemFailures())
                            .as(() -> "failures: " + logs.withMetric("CompileFailures")).isEmpty();
                    assertThat(b.get(30, TimeUnit.SECONDS).getBatchItemFailures())
                            .as(() -> "failures: " + logs.withMetric("CompileFailures")).isEmpty();

                    Snapshot current = current("production"); // read() verifies the contentHash
                    assertThat(current.version()).as("round %d", round).isEqualTo(expected);
                    assertThat(current.flags().getFirst().on()).isEqualTo(round % 2 == 0);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(counter("production")).isEqualTo(expected);
        }
        Set<String> outcomes = Set.copyOf(logs.compileLines("production").stream()
                .map(l -> l.path("outcome").asText()).toList());
        assertThat(outcomes).contains("PUBLISHED").doesNotContain("FAILED");
    }
}
