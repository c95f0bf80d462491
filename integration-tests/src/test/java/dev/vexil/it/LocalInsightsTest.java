package dev.vexil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.Context;
import dev.vexil.eval.ReasonKind;
import dev.vexil.it.stack.LocalWiring;
import dev.vexil.sdk.VexilClient;
import dev.vexil.wire.EvaluationSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluation insights end to end on the local stack: real SDK clients evaluate a known mix, send their counts to
 * the local edge at close(), the flag is changed in between, and the admin API reports exactly those counts with
 * the change markers of the flag's history. (The AWS wiring has no insights store yet: docs/insights.md.)
 */
class LocalInsightsTest {
    private LocalWiring stack;
    private Fixture f;

    @BeforeEach
    void start() throws Exception {
        stack = new LocalWiring(Files.createTempDirectory("vexil-it-insights"));
        f = Fixture.create(stack, "insights");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    /**
     * A client whose data matches what {@code probe} serves, reached without evaluating anything (every evaluation
     * of the measured clients is counted).
     */
    private VexilClient measuredClient(VexilClient probe) {
        VexilClient client = f.newClient();
        Fixture.awaitInitialized(client);
        long version = probe.status().snapshotVersion();
        Eventually.await("the measured client serves version " + version,
                () -> client.status().snapshotVersion() == version);
        return client;
    }

    private static void evaluate(VexilClient client, Context context, int times) {
        for (int i = 0; i < times; i++) {
            client.boolVariation(Fixture.FLAG, context, false);
        }
    }

    @Test
    void theInsightsReportTheExactMixWithTheChangeMarkers() throws Exception {
        Instant before = Instant.now();
        try (VexilClient probe = VexilClient.builder(stack.edgeBaseUrl(), f.sdkKey).pollInterval(Fixture.POLL)
                .metrics(false).build()) {
            Fixture.awaitInitialized(probe);
            Fixture.awaitStartingTargeting(probe);
            try (VexilClient first = measuredClient(probe)) {
                evaluate(first, Fixture.PRO, 30); // rule: variation 0
                evaluate(first, Fixture.FREE, 20); // fallthrough: variation 1
                first.boolVariation("no-such-flag", Fixture.PRO, false); // not in the snapshot: not counted
            } // close() sends the counts

            f.changeTargeting(Fixture.ruleFor("free"));
            Eventually.awaitEquals("the probe sees the change", true,
                    () -> probe.boolVariation(Fixture.FLAG, Fixture.FREE, false));
            try (VexilClient second = measuredClient(probe)) {
                evaluate(second, Fixture.FREE, 10); // rule: variation 0
                evaluate(second, Fixture.PRO, 7); // fallthrough: variation 1
            }
        }
        postSummaryOfAFlagTheEnvironmentDoesNotHave();
        Instant after = Instant.now();

        JsonNode insights = f.admin.get(f.configPath() + "/insights?from=" + before.minusSeconds(3600) + "&to="
                + after.plusSeconds(3600) + "&step=PT3H").expect(200).body();
        assertThat(insights.get("flag").asText()).isEqualTo(Fixture.FLAG);
        assertThat(insights.get("step").asText()).isEqualTo("PT3H");
        assertThat(insights.get("series")).hasSize(1);
        assertThat(insights.at("/series/0/counts")).isEqualTo(AdminApi.JSON.readTree("""
                [{"variation":0,"reason":"RULE_MATCH","count":40},
                 {"variation":1,"reason":"FALLTHROUGH","count":27}]"""));
        List<String> changes = new ArrayList<>();
        insights.get("changes").forEach(c -> changes.add(c.get("version").asLong() + " " + c.get("action").asText()));
        assertThat(changes).containsExactly("1 create", "2 update");
        assertThat(insights.at("/changes/1/principal").asText()).isNotBlank();
        Instant changedAt = Instant.parse(insights.at("/changes/1/at").asText());
        assertThat(changedAt).isBetween(before, after);

        JsonNode totals = f.admin.get(f.envPath() + "/flags/insights?from=" + before.minusSeconds(3600) + "&to="
                + after.plusSeconds(3600)).expect(200).body();
        assertThat(totals.get("items")).hasSize(2);
        assertThat(totals.at("/items/0/flag").asText()).isEqualTo("(unknown)");
        assertThat(totals.at("/items/0/total").asLong()).isEqualTo(3);
        assertThat(totals.at("/items/1/flag").asText()).isEqualTo(Fixture.FLAG);
        assertThat(totals.at("/items/1/total").asLong()).isEqualTo(67);
        assertThat(totals.at("/items/1/counts")).isEqualTo(AdminApi.JSON.readTree("""
                [{"variation":0,"count":40},{"variation":1,"count":27}]"""));
        assertThat(Instant.parse(totals.at("/items/1/lastEvaluatedAt").asText()))
                .isBetween(before.minusSeconds(60), after);
    }

    private void postSummaryOfAFlagTheEnvironmentDoesNotHave() throws Exception {
        byte[] summary = new EvaluationSummary("curl", "1", 1, Instant.now().minusSeconds(60), Instant.now(),
                List.of(new EvaluationSummary.Count("ghost", 0, ReasonKind.FALLTHROUGH, 3)), 0).toJson();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.edgeBaseUrl() + "/sdk/v1/events")).header("Authorization", f.sdkKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(summary)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }
}
