package dev.vexil.functions.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.InsightsStoreContract;
import dev.vexil.eval.ReasonKind;
import dev.vexil.testsupport.DynaliteExtension;
import dev.vexil.testsupport.DynaliteServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The insights contract against dynalite (one server per JVM, a fresh table per test). */
@ExtendWith(DynaliteExtension.class)
class DynamoDbInsightsStoreTest extends InsightsStoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient client;
    private String tableName;

    @BeforeAll
    static void connect(DynaliteServer dynalite) {
        client = dynalite.newClient();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected InsightsStore newStore() {
        tableName = "vexil-insights-test-" + TABLES.incrementAndGet();
        InsightsTable.create(client, tableName);
        return new DynamoDbInsightsStore(client, tableName, Duration.ofDays(90));
    }

    @AfterEach
    void dropTable() {
        client.deleteTable(b -> b.tableName(tableName));
    }

    @Test
    void countsCarryTheirExpiryForTheTableTtl() {
        InsightsStore store = newStore();
        store.add("p", "prod", T0, List.of(new EvaluationCount("f", 0, ReasonKind.OFF, 4)));
        List<Map<String, AttributeValue>> items = client.scan(b -> b.tableName(tableName)).items();
        assertThat(items).filteredOn(i -> i.containsKey("count")).singleElement().satisfies(item ->
                assertThat(Long.parseLong(item.get(InsightsTable.EXPIRES_AT).n()))
                        .isEqualTo(T0.plus(Duration.ofDays(90)).getEpochSecond()));
    }
}
