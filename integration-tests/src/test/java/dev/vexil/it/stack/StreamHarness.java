package dev.vexil.it.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.it.stack.lambda.LocalLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Stands in for Lambda's event source mapping on a DynamoDB stream, for the tests' AWS wiring. After each write it is
 * told of ({@link #nudge()}), and on a fixed period in any case, it takes the new records from a {@link ChangeSource}
 * (a table scan on dynalite, which has no Streams; real Streams on LocalStack), delivers them in batches of up to 100
 * as a {@link DynamodbEvent} deserialized from Lambda's JSON by the runtime's own serializer
 * ({@code aws-lambda-java-serialization}), and calls the compiler handler.
 *
 * <p>Like the mapping with {@code ReportBatchItemFailures}: when the response lists {@code batchItemFailures}, the
 * batch is retried from the lowest failed sequence number on (the records before it are checkpointed); when the
 * handler throws, the whole batch is retried. Retries are bounded ({@code maxRetries}, like
 * {@code MaximumRetryAttempts}); a batch that exhausts them is dropped with a warning. Newer records wait behind a
 * failing batch, as they do behind a failing batch of one shard.
 *
 * <p>What it does not model: more than one shard (so no parallelism, and ordering is the change source's order),
 * batching windows and batch size by bytes, bisect-on-error, on-failure destinations, record expiry, and the
 * delivery latency of real Streams (about a second; here a nudged poll runs right after the admin call that wrote,
 * and anything else is picked up within one polling period).
 */
public final class StreamHarness implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamHarness.class.getName());
    private static final int BATCH_SIZE = 100;

    private final ChangeSource source;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final int maxRetries;
    private final long pollMillis;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final PojoSerializer<DynamodbEvent> serializer =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamHarness.class.getClassLoader());
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("stream-harness").daemon(true).factory());
    private final List<ObjectNode> backlog = new ArrayList<>();

    /** @param pollMillis the period of the polls made without a nudge (Lambda polls a shard about 4 times a second) */
    StreamHarness(ChangeSource source, RequestHandler<DynamodbEvent, StreamsEventResponse> handler, int maxRetries,
                  long pollMillis) {
        this.source = source;
        this.handler = handler;
        this.maxRetries = maxRetries;
        this.pollMillis = pollMillis;
    }

    StreamHarness start() {
        poller.scheduleWithFixedDelay(this::pollOnce, 0, pollMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A write happened: poll soon. Nudges that arrive before that poll starts share it. */
    void nudge() {
        if (nudged.compareAndSet(false, true)) {
            poller.execute(() -> {
                nudged.set(false);
                pollOnce();
            });
        }
    }

    private void pollOnce() {
        try {
            backlog.addAll(source.nextRecords());
            while (!backlog.isEmpty()) {
                List<ObjectNode> batch = new ArrayList<>(backlog.subList(0, Math.min(BATCH_SIZE, backlog.size())));
                deliverWithRetries(batch);
                backlog.subList(0, batch.size()).clear();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream harness: reading changes failed; will poll again", e);
        }
    }

    private void deliverWithRetries(List<ObjectNode> batch) {
        List<ObjectNode> toDeliver = batch;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                sleep(Math.min(1000, 50L << Math.min(attempt, 5)));
            }
            List<ObjectNode> remaining = deliver(toDeliver);
            if (remaining.isEmpty()) {
                return;
            }
            if (attempt >= maxRetries) {
                LOG.warning("stream harness: dropping " + remaining.size() + " records after " + maxRetries + " retries");
                return;
            }
            toDeliver = remaining;
        }
    }

    /** One invocation; returns the records to retry (none when the batch succeeded). */
    private List<ObjectNode> deliver(List<ObjectNode> records) {
        DynamodbEvent event = serializer.fromJson(StreamRecordJson.event(records));
        StreamsEventResponse response;
        try {
            response = handler.handleRequest(event, new LocalLambdaContext(UUID.randomUUID().toString(), "vexil-compiler"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream harness: the compiler threw; retrying the whole batch", e);
            return records;
        }
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            return List.of();
        }
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        int firstFailed = -1;
        for (int i = 0; i < records.size(); i++) {
            if (failed.contains(sequenceNumber(records.get(i)))) {
                firstFailed = i;
                break;
            }
        }
        if (firstFailed < 0) {
            LOG.warning("stream harness: batchItemFailures name no record of the batch " + failed + "; retrying all");
            return records;
        }
        return records.subList(firstFailed, records.size());
    }

    private static String sequenceNumber(ObjectNode record) {
        return record.path("dynamodb").path("SequenceNumber").asText();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
