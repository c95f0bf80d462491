package dev.vexil.it.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.testsupport.DynaliteServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stream stand-in itself: the records it derives from a table, and Lambda's retry rules for a failed batch. */
class StreamHarnessTest {

    private static Map<String, AttributeValue> item(String sk, long version) {
        return Map.of("pk", AttributeValue.fromS("P#shop"), "sk", AttributeValue.fromS(sk),
                "project", AttributeValue.fromS("shop"), "version", AttributeValue.fromN(Long.toString(version)));
    }

    @Test
    void aScanOfDynaliteYieldsInsertsAndModificationsWithBothImagesInLambdasShape() {
        try (DynaliteServer dynalite = DynaliteServer.start(); DynamoDbClient dynamo = dynalite.newClient()) {
            VexilTable.create(dynamo, "harness", false);
            ScanChangeSource source = new ScanChangeSource(dynamo, "harness", Clock.systemUTC());
            assertThat(source.nextRecords()).isEmpty();

            dynamo.putItem(b -> b.tableName("harness").item(item("A", 1)));
            List<DynamodbEvent.DynamodbStreamRecord> inserted = deserialize(source.nextRecords());
            dynamo.putItem(b -> b.tableName("harness").item(item("A", 2)));
            List<DynamodbEvent.DynamodbStreamRecord> modified = deserialize(source.nextRecords());

            assertThat(inserted).singleElement().satisfies(r -> {
                assertThat(r.getEventName()).isEqualTo("INSERT");
                assertThat(r.getEventSource()).isEqualTo("aws:dynamodb");
                assertThat(r.getEventSourceARN()).contains(":table/harness/stream/");
                assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
                assertThat(r.getDynamodb().getNewImage().get("version").getN()).isEqualTo("1");
                assertThat(r.getDynamodb().getOldImage()).isNull();
            });
            assertThat(modified).singleElement().satisfies(r -> {
                StreamRecord change = r.getDynamodb();
                assertThat(r.getEventName()).isEqualTo("MODIFY");
                assertThat(change.getKeys()).containsOnlyKeys("pk", "sk");
                assertThat(change.getOldImage().get("version").getN()).isEqualTo("1");
                assertThat(change.getNewImage().get("version").getN()).isEqualTo("2");
                assertThat(Long.parseLong(change.getSequenceNumber()))
                        .isGreaterThan(Long.parseLong(inserted.get(0).getDynamodb().getSequenceNumber()));
            });
            assertThat(source.nextRecords()).as("nothing changed").isEmpty();
        }
    }

    @Test
    void aPartialFailureIsRedeliveredFromTheLowestFailedRecordOn() {
        List<List<String>> deliveries = new CopyOnWriteArrayList<>();
        RequestHandler<DynamodbEvent, StreamsEventResponse> failsSecondRecordOnce = (event, context) -> {
            List<String> sequence = event.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
            deliveries.add(sequence);
            return new StreamsEventResponse(deliveries.size() == 1
                    ? List.of(new StreamsEventResponse.BatchItemFailure("2")) : List.of());
        };
        try (StreamHarness harness = new StreamHarness(new OnceSource("1", "2", "3"), failsSecondRecordOnce, 3, 60_000)
                .start()) {
            awaitAtLeast("deliveries", deliveries::size, 2);
        }
        assertThat(deliveries).containsExactly(List.of("1", "2", "3"), List.of("2", "3"));
    }

    @Test
    void aThrowingHandlerGetsTheWholeBatchAgainUpToTheRetryLimit() {
        List<List<String>> deliveries = new CopyOnWriteArrayList<>();
        RequestHandler<DynamodbEvent, StreamsEventResponse> alwaysThrows = (event, context) -> {
            deliveries.add(event.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList());
            throw new IllegalStateException("compiler down");
        };
        OnceSource source = new OnceSource("7", "8");
        try (StreamHarness harness = new StreamHarness(source, alwaysThrows, 2, 60_000).start()) {
            awaitAtLeast("deliveries", deliveries::size, 3);
            harness.nudge(); // the next poll runs only once the first one has given up on its batch
            awaitAtLeast("polls", source.calls::get, 2);
            assertThat(deliveries).as("the first attempt and two retries, then dropped")
                    .containsExactly(List.of("7", "8"), List.of("7", "8"), List.of("7", "8"));
        }
    }

    /** Returns the given records on its first call, nothing after; counts its calls. */
    private static final class OnceSource implements ChangeSource {
        private final List<ObjectNode> records = new ArrayList<>();
        private final AtomicInteger calls = new AtomicInteger();

        OnceSource(String... sequenceNumbers) {
            for (String sequence : sequenceNumbers) {
                Map<String, AttributeValue> keys = Map.of("pk", AttributeValue.fromS("P#shop"),
                        "sk", AttributeValue.fromS("S" + sequence));
                records.add(StreamRecordJson.record("INSERT", "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x",
                        "us-east-1", sequence, Instant.now(), keys, item("S" + sequence, 1), null));
            }
        }

        @Override
        public synchronized List<ObjectNode> nextRecords() {
            return calls.getAndIncrement() == 0 ? List.copyOf(records) : List.of();
        }
    }

    private static List<DynamodbEvent.DynamodbStreamRecord> deserialize(List<ObjectNode> records) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamHarnessTest.class.getClassLoader())
                .fromJson(StreamRecordJson.event(records)).getRecords();
    }

    private static void awaitAtLeast(String what, IntSupplier count, int wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count.getAsInt() < wanted) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + wanted + " " + what + ", saw " + count.getAsInt());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
