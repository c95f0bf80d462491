package dev.vexil.openfeature;

import static dev.vexil.sdk.ScenarioFlags.clauseFlag;
import static dev.vexil.sdk.ScenarioFlags.disabledFlag;
import static dev.vexil.sdk.ScenarioFlags.malformedFlag;
import static dev.vexil.sdk.ScenarioFlags.organizationRolloutFlag;
import static dev.vexil.sdk.ScenarioFlags.prerequisiteFlag;
import static dev.vexil.sdk.ScenarioFlags.rolloutFlag;
import static dev.vexil.sdk.ScenarioFlags.ruleRolloutFlag;
import static dev.vexil.sdk.ScenarioFlags.staticFlag;
import static dev.vexil.sdk.ScenarioFlags.targetedFlag;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import dev.vexil.sdk.FakeEdge;
import dev.vexil.sdk.TestSnapshots;
import dev.vexil.sdk.VexilClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Vexil provider over a real client polling a scriptable HTTP edge, registered with the OpenFeature API under a
 * domain of its own, so that tests go through OpenFeature exactly as an application does. Closing it unregisters
 * the provider (OpenFeature shuts it down) and stops the clients and the edge; as a JUnit extension
 * ({@code @RegisterExtension}) it closes itself after each test.
 */
final class ProviderHarness implements AutoCloseable, AfterEachCallback {
    static final String KEY = "sdk-openfeature-test-key";

    final FakeEdge edge = new FakeEdge();
    final String domain = "vexil-" + UUID.randomUUID();
    private final List<VexilClient> clients = new ArrayList<>();

    /**
     * One flag per kind of result (see {@link dev.vexil.sdk.ScenarioFlags}), flags true when an attribute matches
     * ({@code adults}: age above 17, {@code beta}: beta is true, {@code early}: signedUpAt before June 2026,
     * {@code tagged}: tags holds "a"), and typed flags: {@code theme}
     * (string, serves "dark"), {@code retries} (3), {@code ratio} (1.5), {@code huge} (1e12), {@code config} (a
     * JSON object) and {@code label} (a JSON flag serving a string).
     */
    static byte[] scenarios(long version) {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("rps", 100);
        config.putArray("regions").add("eu").add("us");
        return TestSnapshots.json(version, staticFlag("static"), disabledFlag("disabled"), targetedFlag("targeted"),
                rolloutFlag("split"), ruleRolloutFlag("rule-split"), prerequisiteFlag("child", "disabled"),
                organizationRolloutFlag("by-org"), malformedFlag("broken"),
                clauseFlag("adults", "age", "greaterThan", IntNode.valueOf(17)),
                clauseFlag("beta", "beta", "in", BooleanNode.TRUE),
                clauseFlag("early", "signedUpAt", "before", TextNode.valueOf("2026-06-01T00:00:00Z")),
                clauseFlag("tagged", "tags", "in", TextNode.valueOf("a")),
                TestSnapshots.stringFlag("theme", 0, "dark", "light"), TestSnapshots.numberFlag("retries", 3),
                TestSnapshots.numberFlag("ratio", 1.5), TestSnapshots.numberFlag("huge", 1e12),
                TestSnapshots.jsonFlag("config", config), TestSnapshots.jsonFlag("label", TextNode.valueOf("hello")));
    }

    static EvaluationContext user(String key, String plan) {
        return new ImmutableContext(key, Map.of("plan", new Value(plan)));
    }

    /** A client of the edge polling every 50 ms; closed with the harness. */
    VexilClient vexil() {
        return vexil(VexilClient.builder(edge.baseUri(), KEY).pollInterval(Duration.ofMillis(50)));
    }

    VexilClient vexil(VexilClient.Builder builder) {
        VexilClient client = builder.build();
        clients.add(client);
        return client;
    }

    /** A provider builder over {@code client}: 30 s to initialise, health checked every 50 ms. */
    static VexilProvider.Builder provider(VexilClient client) {
        return VexilProvider.builder(client).initializationTimeout(Duration.ofSeconds(30))
                .healthCheckInterval(Duration.ofMillis(50));
    }

    /** Serves {@link #scenarios} version 3, and registers a provider over a new client, waiting for it. */
    Client start() {
        edge.snapshot(scenarios(3));
        return start(provider(vexil()));
    }

    Client start(VexilProvider.Builder provider) {
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider.build());
        return client();
    }

    /** The OpenFeature client of this harness's domain. */
    Client client() {
        return OpenFeatureAPI.getInstance().getClient(domain);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, new NoOpProvider());
        clients.forEach(VexilClient::close);
        edge.close();
    }
}
