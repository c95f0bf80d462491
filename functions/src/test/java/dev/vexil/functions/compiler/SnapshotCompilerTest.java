package dev.vexil.functions.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.core.compiler.CompileResult;
import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.core.compiler.SnapshotCompiler;
import dev.vexil.core.compiler.SnapshotLimits;
import dev.vexil.core.sign.KeyPairSnapshotSigner;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotVerifier;
import dev.vexil.wire.ObjectEncoding;
import dev.vexil.core.publish.PublishException;
import dev.vexil.core.publish.PublishOutcome;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.publish.StoredObject;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.EvaluationResult;
import dev.vexil.eval.ReasonKind;
import dev.vexil.localstore.files.FileSystemSnapshotPublisher;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Segment;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import dev.vexil.snapshot.SnapshotCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import dev.vexil.snapshot.SnapshotDelta;
import dev.vexil.wire.ChangeNotification;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler over the SQLite store and the filesystem publisher (the local-mode wiring). */
class SnapshotCompilerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SqliteFlagRepository repository;
    private FileSystemSnapshotPublisher publisher;
    private Environments environments;
    private final LogLines logs = new LogLines();

    @BeforeEach
    void setUp() {
        repository = new SqliteFlagRepository(dir.resolve("vexil.db"));
        publisher = new FileSystemSnapshotPublisher(dir.resolve("snapshots"));
        environments = new Environments(repository);
        environments.project("shop", "production");
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    private SnapshotCompiler compiler(SnapshotPublisher through) {
        return new SnapshotCompiler(repository, through, CLOCK, new CompilerTelemetry(logs, CLOCK));
    }

    private Snapshot current() throws Exception {
        return SnapshotCodec.read(ObjectEncoding.gunzip(publisher.read(SnapshotLayout.current("shop", "production"))
                .orElseThrow().body()));
    }

    @Test
    void aFlagDefinedButNotYetConfiguredInTheEnvironmentStillPublishesAndServesOff() throws Exception {
        compiler(publisher).compile("shop", "production", List.of());
        repository.putFlagDefinition("shop", new FlagDefinition("dark-mode", "Dark mode", null, FlagType.STRING,
                List.of(new Variation(TextNode.valueOf("dark"), null), new Variation(TextNode.valueOf("light"), null)),
                List.of(), true, null), 0, Environments.meta());

        CompileResult result = compiler(publisher).compile("shop", "production", List.of());

        assertThat(result.outcome()).isEqualTo(CompileResult.Outcome.PUBLISHED);
        Snapshot snapshot = current();
        assertThat(snapshot.flags()).extracting(f -> f.key()).containsExactly(Environments.FLAG, "dark-mode");
        EvaluationResult darkMode = CompiledEnvironment.compile(snapshot)
                .evaluate("dark-mode", Context.builder("bob").build());
        assertThat(darkMode.reason().kind()).isEqualTo(ReasonKind.OFF);
        assertThat(darkMode.value()).isNull();
    }

    @Test
    void publishesTheEnvironmentAsStoredInTheTable() throws Exception {
        CompileResult result = compiler(publisher).compile("shop", "production", List.of());

        long counter = repository.loadEnvironmentState("shop", "production", List.of()).changeCounter();
        assertThat(result.outcome()).isEqualTo(CompileResult.Outcome.PUBLISHED);
        assertThat(result.version()).isEqualTo(counter);
        Snapshot snapshot = current();
        assertThat(snapshot.version()).isEqualTo(counter);
        assertThat(snapshot.flags()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(Environments.FLAG);
            assertThat(f.on()).isTrue();
        });
        assertThat(snapshot.segments()).extracting(s -> s.key()).containsExactly("beta");
        assertThat(snapshot.generatedAt()).isEqualTo("2026-12-01T20:00:00Z");
    }

    @Test
    void logsOneStructuredLineWithTheSizesAndTheSnapshotBytesMetric() {
        CompileResult result = compiler(publisher).compile("shop", "production", List.of());

        JsonNode line = logs.compileLines("production").getFirst();
        assertThat(line.path("project").asText()).isEqualTo("shop");
        assertThat(line.path("version").asLong()).isEqualTo(result.version());
        assertThat(line.path("flags").asInt()).isEqualTo(1);
        assertThat(line.path("segments").asInt()).isEqualTo(1);
        assertThat(line.path("bytes").asLong()).isEqualTo(result.bytes()).isPositive();
        assertThat(line.path("gzipBytes").asLong()).isEqualTo(result.gzipBytes()).isPositive();
        assertThat(line.has("durationMs")).isTrue();
        assertThat(line.path("outcome").asText()).isEqualTo("PUBLISHED");
        assertThat(logs.withMetric("SnapshotBytes")).singleElement()
                .satisfies(l -> assertThat(l.path("SnapshotBytes").asLong()).isEqualTo(result.gzipBytes()));
    }

    @Test
    void aChangeIsPublishedAsTheNextVersion() throws Exception {
        SnapshotCompiler compiler = compiler(publisher);
        long first = compiler.compile("shop", "production", List.of()).version();

        environments.toggle("shop", "production", false);
        CompileResult second = compiler.compile("shop", "production", List.of());

        assertThat(second.outcome()).isEqualTo(CompileResult.Outcome.PUBLISHED);
        assertThat(second.version()).isEqualTo(first + 1);
        assertThat(current().flags().getFirst().on()).isFalse();
        assertThat(publisher.read(SnapshotLayout.version("shop", "production", first))).isPresent();
    }

    @Test
    void recompilingAnUnchangedEnvironmentWritesNothing() {
        SnapshotCompiler compiler = compiler(publisher);
        compiler.compile("shop", "production", List.of());
        StoredObject before = publisher.read(SnapshotLayout.current("shop", "production")).orElseThrow();

        CompileResult again = compiler.compile("shop", "production", List.of());

        assertThat(again.outcome()).isEqualTo(CompileResult.Outcome.UNCHANGED);
        assertThat(again.gzipBytes()).isNull();
        assertThat(publisher.read(SnapshotLayout.current("shop", "production")).orElseThrow().etag())
                .isEqualTo(before.etag());
    }

    @Test
    void aNewerSnapshotAlreadyCurrentIsLeftInPlace() {
        SnapshotCompiler compiler = compiler(publisher);
        long version = compiler.compile("shop", "production", List.of()).version();
        Snapshot newer = SnapshotCodec.seal(new Snapshot(1, "shop", "production", version + 10,
                "2026-12-01T20:05:00Z", List.of(), List.of(), null));
        assertThat(publisher.publish(newer)).isEqualTo(PublishOutcome.PUBLISHED);

        CompileResult result = compiler.compile("shop", "production", List.of());

        assertThat(result.outcome()).isEqualTo(CompileResult.Outcome.SUPERSEDED);
        assertThat(publisher.currentVersion("shop", "production")).hasValue(version + 10);
    }

    @Test
    void anInvalidStateIsNotPublishedAndThePreviousSnapshotStays() throws Exception {
        SnapshotCompiler compiler = compiler(publisher);
        long good = compiler.compile("shop", "production", List.of()).version();
        StoredObject before = publisher.read(SnapshotLayout.current("shop", "production")).orElseThrow();
        environments.breakSegment("shop", "production");
        logs.clear();

        CompileResult result = compiler.compile("shop", "production", List.of());

        assertThat(result.outcome()).isEqualTo(CompileResult.Outcome.INVALID);
        assertThat(result.version()).isEqualTo(good + 1);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains("segmentMatch"));
        assertThat(publisher.read(SnapshotLayout.current("shop", "production")).orElseThrow().etag())
                .isEqualTo(before.etag());
        assertThat(publisher.read(SnapshotLayout.version("shop", "production", good + 1))).isEmpty();
        assertThat(current().version()).isEqualTo(good);
        JsonNode error = logs.withMetric("InvalidEnvironment").getFirst();
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("InvalidEnvironment").asInt()).isEqualTo(1);
        assertThat(error.path("problems").get(0).path("path").asText()).startsWith("segments[0].rules[0]");
    }

    @Test
    void aBrokenFlagIsPublishedMarkedMalformedAndTheOthersStillChange() throws Exception {
        SnapshotCompiler compiler = compiler(publisher);
        repository.putFlagDefinition("shop", new FlagDefinition("banner", "Banner", null, FlagType.STRING,
                List.of(new Variation(TextNode.valueOf("big"), null), new Variation(TextNode.valueOf("small"), null)),
                List.of(), false, null), 0, Environments.meta());
        long good = compiler.compile("shop", "production", List.of()).version();
        environments.breakTargeting("shop", "production"); // checkout now matches a segment that does not exist
        logs.clear();

        CompileResult result = compiler.compile("shop", "production", List.of());

        assertThat(result.outcome()).isEqualTo(CompileResult.Outcome.PUBLISHED);
        assertThat(result.version()).isEqualTo(good + 1);
        assertThat(result.malformed()).singleElement().satisfies(m -> {
            assertThat(m.key()).isEqualTo(Environments.FLAG);
            assertThat(m.problems()).anySatisfy(p -> {
                assertThat(p.path()).startsWith("rules[0]");
                assertThat(p.message()).contains("no-such-segment");
            });
        });
        Snapshot snapshot = current();
        assertThat(snapshot.version()).isEqualTo(good + 1);
        assertThat(snapshot.malformedFlags()).extracting(m -> m.key()).containsExactly(Environments.FLAG);
        CompiledEnvironment sdk = CompiledEnvironment.compile(snapshot);
        EvaluationResult broken = sdk.evaluate(Environments.FLAG, Context.builder("alice").build());
        assertThat(broken.reason().kind()).isEqualTo(ReasonKind.ERROR);
        assertThat(broken.reason().errorKind()).isEqualTo(ErrorKind.MALFORMED_FLAG);
        assertThat(sdk.evaluate("banner", Context.builder("bob").build()).reason().kind()).isEqualTo(ReasonKind.OFF);
        JsonNode warning = logs.withMetric("MalformedFlags").getFirst();
        assertThat(warning.path("level").asText()).isEqualTo("WARN");
        assertThat(warning.path("MalformedFlags").asInt()).isEqualTo(1);
        assertThat(warning.path("malformedFlags").get(0).path("key").asText()).isEqualTo(Environments.FLAG);
    }

    @Test
    void aSnapshotBeyondTheSizeLimitIsNotPublishedAndIsCounted() throws Exception {
        SnapshotCompiler compiler = compiler(publisher);
        long good = compiler.compile("shop", "production", List.of()).version();
        java.util.Random random = new java.util.Random(7);
        for (int s = 0; s < 70; s++) { // ~70 KB gzipped each, written past the admin API's own check
            List<String> keys = new java.util.ArrayList<>();
            for (int k = 0; k < 10_000; k++) {
                keys.add(Long.toString(36L * 36 * 36 * 36 * 36 * 36 * 36 * 36 + random.nextLong(35L * 36 * 36 * 36 * 36
                        * 36 * 36 * 36 * 36), 36)); // 9 random base-36 characters: the segment stays under 128 KiB
            }
            repository.putSegment("shop", "production", new Segment("big-" + s, "Big", null, keys, List.of(),
                    List.of(), null, null), 0, Environments.meta());
        }
        logs.clear();

        CompileResult result = compiler.compile("shop", "production", List.of());

        assertThat(result.outcome()).isEqualTo(CompileResult.Outcome.TOO_LARGE);
        assertThat(result.gzipBytes()).isGreaterThan((long) SnapshotLimits.MAX_GZIP_BYTES);
        assertThat(current().version()).isEqualTo(good);
        JsonNode error = logs.withMetric("SnapshotTooLarge").getFirst();
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("gzipBytes").asLong()).isEqualTo(result.gzipBytes());
        assertThat(error.path("maxGzipBytes").asLong()).isEqualTo(SnapshotLimits.MAX_GZIP_BYTES);
    }

    @Test
    void aPublishFailureIsRethrownAndCountedAsACompileFailure() {
        SnapshotPublisher unreachable = new FailingPublisher(publisher);

        assertThatThrownBy(() -> compiler(unreachable).compile("shop", "production", List.of()))
                .isInstanceOf(PublishException.class);

        assertThat(publisher.read(SnapshotLayout.current("shop", "production"))).isEmpty();
        assertThat(logs.withMetric("CompileFailures")).singleElement().satisfies(l -> {
            assertThat(l.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(l.path("environment").asText()).isEqualTo("production");
        });
    }

    @Test
    void withASignerEveryPublishedSnapshotCarriesASignatureOfItsContent() throws Exception {
        KeyPairSnapshotSigner signer = new KeyPairSnapshotSigner(SigningKeys.generate());
        SnapshotCompiler signing = new SnapshotCompiler(repository, publisher, CLOCK,
                new CompilerTelemetry(logs, CLOCK), signer);
        long version = signing.compile("shop", "production", List.of()).version();

        byte[] json = ObjectEncoding.gunzip(publisher.read(SnapshotLayout.current("shop", "production"))
                .orElseThrow().body());
        JsonNode tree = SnapshotCodec.readVerifiedTree(json);
        SnapshotVerifier.trusting(List.of(signer.publicKey())).verify(tree);
        assertThat(tree.get("signature").get("keyId").textValue()).isEqualTo(SigningKeys.keyId(signer.publicKey()));
        byte[] immutable = ObjectEncoding.gunzip(publisher.read(SnapshotLayout.version("shop", "production",
                version)).orElseThrow().body());
        assertThat(immutable).isEqualTo(json);
    }

    @Test
    void publishLagIsMeasuredFromTheNewestChange() {
        compiler(publisher).compile("shop", "production", List.of(), CLOCK.instant().minusMillis(1500));

        assertThat(logs.withMetric("PublishLagMs")).singleElement()
                .satisfies(l -> assertThat(l.path("PublishLagMs").asLong()).isEqualTo(1500));
    }

    @Test
    void afterAPublishItWritesDeltasFromRecentVersionsThenNotifiesWithTheCurrentEtag() throws Exception {
        List<String> channels = new java.util.ArrayList<>();
        List<ChangeNotification> sent = new java.util.ArrayList<>();
        SnapshotCompiler pushing = new SnapshotCompiler(repository, publisher, CLOCK, new CompilerTelemetry(logs, CLOCK),
                null, (channel, n) -> {
                    channels.add(channel);
                    sent.add(n);
                });
        long first = pushing.compile("shop", "production", List.of()).version();
        environments.toggle("shop", "production", false);
        long second = pushing.compile("shop", "production", List.of()).version();

        assertThat(channels).containsOnly(PushChannels.of(new EnvironmentId("shop", "production")));
        ChangeNotification last = sent.getLast();
        assertThat(last.version()).isEqualTo(second);
        assertThat(last.contentHash()).isEqualTo(current().contentHash());
        assertThat(last.etag()).isEqualTo(publisher.read(SnapshotLayout.current("shop", "production"))
                .orElseThrow().etag());
        byte[] delta = ObjectEncoding.gunzip(publisher.read(SnapshotLayout.delta("shop", "production", first, second))
                .orElseThrow().body());
        JsonNode from = SnapshotCodec.readVerifiedTree(ObjectEncoding.gunzip(
                publisher.read(SnapshotLayout.version("shop", "production", first)).orElseThrow().body()));
        byte[] rebuilt = SnapshotDelta.apply(from, SnapshotDelta.read(delta));
        assertThat(SnapshotCodec.read(rebuilt)).isEqualTo(current());
    }

    @Test
    void aNotifierThatFailsNeverFailsThePublishAndIsCounted() throws Exception {
        SnapshotCompiler pushing = new SnapshotCompiler(repository, publisher, CLOCK, new CompilerTelemetry(logs, CLOCK),
                null, (channel, n) -> {
                    throw new IllegalStateException("simulated: channel unreachable");
                });

        CompileResult result = pushing.compile("shop", "production", List.of());

        assertThat(result.outcome()).isEqualTo(CompileResult.Outcome.PUBLISHED);
        assertThat(current().version()).isEqualTo(result.version());
        assertThat(logs.withMetric("PushFailures")).singleElement()
                .satisfies(l -> assertThat(l.path("stage").asText()).isEqualTo("notify"));
    }

    /** A store that cannot be written (S3 down), reads still answered. */
    private record FailingPublisher(SnapshotPublisher delegate) implements SnapshotPublisher {
        @Override
        public PublishOutcome publish(SnapshotObject snapshot) {
            throw new PublishException("simulated: storage unreachable", null);
        }

        @Override
        public OptionalLong currentVersion(String project, String environment) {
            return delegate.currentVersion(project, environment);
        }

        @Override
        public Optional<StoredObject> read(String objectKey) {
            return delegate.read(objectKey);
        }

        @Override
        public Optional<String> currentEtag(String project, String environment, long version) {
            return delegate.currentEtag(project, environment, version);
        }

        @Override
        public void writeDelta(String project, String environment, long fromVersion, long toVersion, byte[] json) {
            throw new PublishException("simulated: storage unreachable", null);
        }

        @Override
        public void writeKillList(String project, String environment, byte[] killListJson) {
            throw new PublishException("simulated: storage unreachable", null);
        }

        @Override
        public void deleteKillList(String project, String environment) {
            throw new PublishException("simulated: storage unreachable", null);
        }
    }
}
