package dev.vexil.functions.insights;

import dev.vexil.core.insights.BufferedInsightsStore;
import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.core.insights.SnapshotFlagKeys;
import dev.vexil.functions.publish.S3Clients;
import dev.vexil.functions.publish.S3SnapshotPublisher;
import dev.vexil.functions.store.dynamo.DynamoDbClients;
import java.time.Clock;
import java.time.Duration;

/**
 * The ingest Lambda's clients and adapters, built once per sandbox: the insights table from
 * {@code VEXIL_INSIGHTS_TABLE} (counts kept 90 days by its TTL) behind this sandbox's pre-aggregation buffer, flushed
 * every {@code VEXIL_INSIGHTS_FLUSH_AFTER} (ISO-8601, default {@code PT60S}; {@code PT0S} writes through) and at JVM
 * shutdown when the runtime gets to run it; and the snapshot bucket from {@code VEXIL_BUCKET} (read only, for the
 * flag keys of each environment). A class of its own so that tests never build an AWS client.
 */
final class IngestWiring {
    static final String FLUSH_AFTER = "VEXIL_INSIGHTS_FLUSH_AFTER";
    static final Duration DEFAULT_FLUSH_AFTER = Duration.ofSeconds(60);

    static final BufferedInsightsStore STORE = new BufferedInsightsStore(
            new DynamoDbInsightsStore(DynamoDbClients.forLambda(), required("VEXIL_INSIGHTS_TABLE"),
                    InsightsTable.RETENTION),
            flushPolicy(), Clock.systemUTC());

    static final InsightsIngest INGEST = new InsightsIngest(STORE,
            new SnapshotFlagKeys(new S3SnapshotPublisher(S3Clients.fromEnvironment(), required("VEXIL_BUCKET"))),
            Clock.systemUTC());

    static {
        STORE.flushOnShutdown();
    }

    private IngestWiring() {
    }

    private static BufferedInsightsStore.Policy flushPolicy() {
        try {
            return BufferedInsightsStore.Policy.fromSetting(System.getenv(FLUSH_AFTER), DEFAULT_FLUSH_AFTER);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(FLUSH_AFTER + ": " + e.getMessage(), e);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the ingest Lambda needs the environment variable " + name);
        }
        return value;
    }
}
