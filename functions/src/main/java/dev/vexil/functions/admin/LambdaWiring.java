package dev.vexil.functions.admin;

import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.admin.limits.Quotas;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.functions.insights.DynamoDbInsightsStore;
import dev.vexil.functions.insights.InsightsTable;
import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.functions.ratelimit.DynamoDbWriteRateLimiter;
import dev.vexil.core.keys.SdkKeyEdgeSync;
import dev.vexil.core.release.ReleaseAutomation;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.release.ReleaseWiring;
import dev.vexil.functions.keys.HttpKeyValueStoreClient;
import dev.vexil.functions.keys.SdkKeyReconciler;
import java.time.Clock;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The admin Lambda's AWS wiring, created once per execution environment by class initialisation (so that it is
 * part of a SnapStart snapshot). A class of its own so that local mode and tests, which build the handler over
 * another repository, never initialise an AWS client.
 *
 * <p>The client comes from {@link DynamoDbClients#forLambda()}, which explains its credential chain (SnapStart).
 */
final class LambdaWiring {
    static final String TABLE_VARIABLE = "VEXIL_TABLE";
    /** Comma-separated principals or {@code *} patterns who may create projects; unset or empty: nobody. */
    static final String PROJECT_CREATORS_VARIABLE = "VEXIL_PROJECT_CREATORS";
    /** Comma-separated break-glass operator principals; unset or empty: none. */
    static final String BREAK_GLASS_VARIABLE = "VEXIL_BREAK_GLASS";

    static final AccessPolicy ACCESS_POLICY = AccessPolicy.parse(System.getenv(PROJECT_CREATORS_VARIABLE),
            System.getenv(BREAK_GLASS_VARIABLE));

    /** Quota overrides, e.g. {@code flags=10000,sdkKeys=5} ({@link Quotas#parse}); unset: the defaults. */
    static final String QUOTAS_VARIABLE = "VEXIL_QUOTAS";
    /** {@code <writes>/<seconds>s} per principal ({@link RateLimit#parse}); unset: 60/60s. */
    static final String WRITE_RATE_LIMIT_VARIABLE = "VEXIL_WRITE_RATE_LIMIT";

    static final DynamoDbClient DYNAMO_DB = DynamoDbClients.forLambda();

    static final FlagRepository REPOSITORY = new DynamoDbFlagRepository(DYNAMO_DB, tableName());

    /** The counter lives in the same table, so that every container of the admin Lambda shares it. */
    static final AdminLimits LIMITS = new AdminLimits(Quotas.parse(System.getenv(QUOTAS_VARIABLE)),
            new DynamoDbWriteRateLimiter(DYNAMO_DB, tableName(),
                    RateLimit.parse(System.getenv(WRITE_RATE_LIMIT_VARIABLE)), Clock.systemUTC()));

    /** {@code POST .../sdk-keys/{id}/resync} repairs the KeyValueStore named by {@code VEXIL_KVS_ARN}. */
    static final SdkKeyEdgeSync EDGE_KEYS = new SdkKeyReconciler(REPOSITORY, HttpKeyValueStoreClient.fromEnvironment(),
            Clock.systemUTC());

    /** The insights table (docs/insights.md); unset: no insights store, and the insights routes answer 501. */
    static final String INSIGHTS_TABLE_VARIABLE = "VEXIL_INSIGHTS_TABLE";

    /** The evaluation counts the insights and stale-flag routes read, or null where no table is configured. */
    static final InsightsStore INSIGHTS = insightsStore(System.getenv(INSIGHTS_TABLE_VARIABLE));

    /** Schedules and rollouts: the release table named by {@code VEXIL_RELEASE_TABLE}, or null (routes answer 501). */
    static final ReleaseAutomation RELEASE = ReleaseWiring.fromEnvironment(DYNAMO_DB);

    private LambdaWiring() {
    }

    private static InsightsStore insightsStore(String table) {
        return table == null || table.isBlank() ? null
                : new DynamoDbInsightsStore(DYNAMO_DB, table, InsightsTable.RETENTION);
    }

    private static String tableName() {
        String table = System.getenv(TABLE_VARIABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE_VARIABLE + " is not set: it must name the Vexil DynamoDB table");
        }
        return table;
    }
}
