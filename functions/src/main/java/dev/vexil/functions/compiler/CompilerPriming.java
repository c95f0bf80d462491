package dev.vexil.functions.compiler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.core.compiler.CompileResult;
import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.wire.ObjectEncoding;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.validate.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Exercises, before a SnapStart checkpoint, everything a compile touches: stream record mapping, Jackson, the
 * validator, the codec, gzip, the log writer, and the SDK clients' request paths through reads of keys that do
 * not exist. Nothing is written. Every failure is swallowed: priming must never stop a deployment.
 */
final class CompilerPriming {
    private static final String PROJECT = "vexil-priming";
    private static final String ENVIRONMENT = "priming";

    private CompilerPriming() {
    }

    static void prime(FlagRepository repository, SnapshotPublisher publisher) {
        quietly(CompilerPriming::primeInMemoryPaths);
        quietly(() -> publisher.currentVersion(PROJECT, ENVIRONMENT));
        quietly(() -> repository.listEnvironments(PROJECT));
    }

    /** Package-private so that a test can see it complete (prime() swallows failures). */
    static void primeInMemoryPaths() throws Exception {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName("MODIFY");
        record.setDynamodb(new StreamRecord()
                .withSequenceNumber("1")
                .withNewImage(Map.of("project", new AttributeValue(PROJECT), "environment", new AttributeValue(ENVIRONMENT),
                        "rtype", new AttributeValue("FLAG_CONFIG"), "rkey", new AttributeValue("flag"),
                        "version", new AttributeValue().withN("1"))));
        ChangeBatch.group(List.of(record), project -> List.of(ENVIRONMENT), (r, reason) -> { });

        Snapshot snapshot = sampleSnapshot();
        Validator.validateSnapshot(snapshot, Validator.Mode.STRICT);
        SnapshotObject object = SnapshotObject.encode(snapshot);
        SnapshotCodec.read(ObjectEncoding.gunzip(object.gzip()));
        new CompilerTelemetry(line -> { }, Clock.systemUTC()).compiled(new CompileResult(PROJECT, ENVIRONMENT, 1,
                CompileResult.Outcome.PUBLISHED, 1, 1, (long) object.json().length, (long) object.gzip().length, 0,
                List.of()), 0L);
    }

    static Snapshot sampleSnapshot() {
        Clause inSegment = new Clause("segment", "segmentMatch", List.of(TextNode.valueOf("beta")), false);
        Clause country = new Clause("country", "in", List.of(TextNode.valueOf("DE")), false);
        Flag flag = new Flag("flag", FlagType.BOOLEAN,
                List.of(new Variation(BooleanNode.TRUE, "on"), new Variation(BooleanNode.FALSE, "off")), 1L,
                true, 1, null, List.of(new Target(0, List.of("user-1"))), List.of(),
                List.of(new Rule("r1", List.of(inSegment), Serve.variation(0)), new Rule("r2", List.of(country),
                        Serve.rollout(new Rollout(null, List.of(new WeightedVariation(0, 50_000),
                                new WeightedVariation(1, 50_000)))))),
                Serve.variation(1), null);
        Segment segment = new Segment("beta", List.of("user-2"), List.of(),
                List.of(new SegmentRule("s1", List.of(country))), null);
        return new Snapshot(Snapshot.CURRENT_SCHEMA_VERSION, PROJECT, ENVIRONMENT, 1, "2026-01-01T00:00:00Z",
                List.of(flag), List.of(segment), null);
    }

    private static void quietly(ThrowingRunnable step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            // Priming is best effort; a failure here only means a slower first request.
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
