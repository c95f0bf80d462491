package dev.vexil.functions.insights;

import dev.vexil.core.insights.InsightsIngest;
import dev.vexil.core.insights.SnapshotFlagKeys;
import dev.vexil.functions.publish.S3Clients;
import dev.vexil.functions.publish.S3SnapshotPublisher;
import java.time.Clock;
import dev.vexil.functions.store.dynamo.DynamoDbClients;

/**
 * The ingest Lambda's clients and adapters, built once per sandbox: the insights table from
 * {@code VEXIL_INSIGHTS_TABLE} (counts kept 90 days by its TTL), and the snapshot bucket from {@code VEXIL_BUCKET}
 * (read only, for the flag keys of each environment). A class of its own so that tests never build an AWS client.
 */
final class IngestWiring {
    static final InsightsIngest INGEST = new InsightsIngest(
            new DynamoDbInsightsStore(DynamoDbClients.forLambda(), required("VEXIL_INSIGHTS_TABLE"),
                    InsightsTable.RETENTION),
            new SnapshotFlagKeys(new S3SnapshotPublisher(S3Clients.fromEnvironment(), required("VEXIL_BUCKET"))),
            Clock.systemUTC());

    private IngestWiring() {
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the ingest Lambda needs the environment variable " + name);
        }
        return value;
    }
}
