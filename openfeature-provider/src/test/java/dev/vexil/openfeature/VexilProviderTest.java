package dev.vexil.openfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Serve;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import dev.vexil.sdk.Eventually;
import dev.vexil.sdk.FakeEdge;
import dev.vexil.sdk.TestSnapshots;
import dev.vexil.sdk.VexilClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider through the OpenFeature API itself, against a real HTTP edge. */
class VexilProviderTest {
    private static final String KEY = "sdk-openfeature-test-key";
    private static final List<Variation> ON_OFF = List.of(new Variation(BooleanNode.TRUE, "on"),
            new Variation(BooleanNode.FALSE, "off"));

    private final FakeEdge edge = new FakeEdge();
    private final String domain = "vexil-" + UUID.randomUUID();
    private VexilClient vexil;

    @AfterEach
    void tearDown() {
        if (vexil != null) {
            vexil.close();
        }
        edge.close();
    }

    private static Flag bool(String key, boolean on, List<Target> targets, List<Rule> rules, Serve fallthrough) {
        return new Flag(key, FlagType.BOOLEAN, ON_OFF, 1L, on, 1, null, targets, null, rules, fallthrough, null);
    }

    private static byte[] snapshot(long version, String theme) {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("rps", 100);
        config.putArray("regions").add("eu").add("us");
        Rule proRule = new Rule("pro-users", List.of(new Clause("plan", "in", List.of(TextNode.valueOf("pro")), false)),
                Serve.variation(0));
        Rule goldOrgs = new Rule("gold-orgs", List.of(new Clause("tier", "in", List.of(TextNode.valueOf("gold")),
                false, "organization")), Serve.variation(0));
        return TestSnapshots.json(version,
                bool("new-checkout", true, List.of(new Target(0, List.of("vip"))), List.of(proRule),
                        Serve.variation(1)),
                bool("split", true, null, null, Serve.rollout(new Rollout(null,
                        List.of(new WeightedVariation(0, 50_000), new WeightedVariation(1, 50_000))))),
                bool("disabled", false, null, null, Serve.variation(0)),
                bool("org-gate", true, null, List.of(goldOrgs), Serve.variation(1)),
                TestSnapshots.stringFlag("theme", 0, theme, "off"),
                TestSnapshots.numberFlag("retries", 3),
                TestSnapshots.numberFlag("ratio", 2.5),
                TestSnapshots.jsonFlag("config", config));
    }

    private Client start(VexilProvider.Builder provider) {
        OpenFeatureAPI.getInstance().setProviderAndWait(domain,
                provider.initializationTimeout(Duration.ofSeconds(30)).build());
        return OpenFeatureAPI.getInstance().getClient(domain);
    }

    private VexilClient.Builder vexilClient() {
        return VexilClient.builder(edge.baseUri(), KEY).pollInterval(Duration.ofMillis(50));
    }

    private static EvaluationContext user(String key, String plan) {
        return new ImmutableContext(key, Map.of("plan", new Value(plan)));
    }

    @Test
    void evaluatesEveryTypeWithMappedReasonsAndVariants() {
        edge.snapshot(snapshot(3, "dark"));
        vexil = vexilClient().build();
        Client client = start(VexilProvider.builder(vexil));
        assertThat(OpenFeatureAPI.getInstance().getProviderMetadata(domain).getName()).isEqualTo("vexil");

        FlagEvaluationDetails<Boolean> vip = client.getBooleanDetails("new-checkout", false, user("vip", "free"));
        assertThat(vip.getValue()).isTrue();
        assertThat(vip.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
        assertThat(vip.getVariant()).isEqualTo("on");
        assertThat(vip.getFlagMetadata().getLong("snapshotVersion")).isEqualTo(3L);

        FlagEvaluationDetails<Boolean> pro = client.getBooleanDetails("new-checkout", false, user("u-2", "pro"));
        assertThat(pro.getValue()).isTrue();
        assertThat(pro.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
        assertThat(pro.getFlagMetadata().getString("ruleId")).isEqualTo("pro-users");

        FlagEvaluationDetails<Boolean> free = client.getBooleanDetails("new-checkout", true, user("u-3", "free"));
        assertThat(free.getValue()).isFalse();
        // Issue 10: a fall-through after targeting was checked is DEFAULT; STATIC would let caches keep it.
        assertThat(free.getReason()).isEqualTo(Reason.DEFAULT.name());
        assertThat(free.getVariant()).isEqualTo("off");

        assertThat(client.getBooleanDetails("split", false, user("u-4", "free")).getReason())
                .isEqualTo(Reason.SPLIT.name());
        FlagEvaluationDetails<Boolean> disabled = client.getBooleanDetails("disabled", true, user("u-5", "pro"));
        assertThat(disabled.getValue()).isFalse();
        assertThat(disabled.getReason()).isEqualTo(Reason.DISABLED.name());

        assertThat(client.getStringValue("theme", "none", user("u-6", "pro"))).isEqualTo("dark");
        assertThat(client.getStringDetails("theme", "none", user("u-6", "pro")).getVariant()).isEqualTo("name-dark");
        assertThat(client.getIntegerValue("retries", 0, user("u-7", "pro"))).isEqualTo(3);
        assertThat(client.getDoubleValue("ratio", 0.0, user("u-8", "pro"))).isEqualTo(2.5);
        Value config = client.getObjectValue("config", new Value(), user("u-9", "pro"));
        assertThat(config.asStructure().getValue("rps").asInteger()).isEqualTo(100);
        assertThat(config.asStructure().getValue("regions").asList()).extracting(Value::asString)
                .containsExactly("eu", "us");
    }

    @Test
    void errorsBecomeOpenFeatureErrorCodes() {
        edge.snapshot(snapshot(3, "dark"));
        vexil = vexilClient().build();
        Client client = start(VexilProvider.builder(vexil));

        FlagEvaluationDetails<Boolean> missing = client.getBooleanDetails("nope", true, user("u", "pro"));
        assertThat(missing.getValue()).isTrue();
        assertThat(missing.getReason()).isEqualTo(Reason.ERROR.name());
        assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);

        FlagEvaluationDetails<String> mismatch = client.getStringDetails("new-checkout", "d", user("u", "pro"));
        assertThat(mismatch.getValue()).isEqualTo("d");
        assertThat(mismatch.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);

        // Issue 10: the targeting key is optional; only a rollout that needs it reports TARGETING_KEY_MISSING.
        FlagEvaluationDetails<Boolean> noKey = client.getBooleanDetails("new-checkout", true, new ImmutableContext());
        assertThat(noKey.getValue()).isFalse();
        assertThat(noKey.getErrorCode()).isNull();
        assertThat(noKey.getReason()).isEqualTo(Reason.DEFAULT.name());
        FlagEvaluationDetails<Boolean> noKeySplit = client.getBooleanDetails("split", true, new ImmutableContext());
        assertThat(noKeySplit.getValue()).isTrue();
        assertThat(noKeySplit.getErrorCode()).isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
    }

    @Test
    void mapsAttributeTypesAndMultiKindContexts() {
        edge.snapshot(snapshot(3, "dark"));
        vexil = vexilClient().build();
        Client client = start(VexilProvider.builder(vexil));

        EvaluationContext goldOrg = new ImmutableContext(Map.of(
                "kind", new Value("multi"),
                "user", new Value(new ImmutableStructure(Map.of("targetingKey", new Value("u-1"),
                        "plan", new Value("free")))),
                "organization", new Value(new ImmutableStructure(Map.of("targetingKey", new Value("org-7"),
                        "tier", new Value("gold"), "seats", new Value(40),
                        "labels", new Value(List.of(new Value("a"), new Value(true))))))));
        FlagEvaluationDetails<Boolean> gate = client.getBooleanDetails("org-gate", false, goldOrg);
        assertThat(gate.getValue()).isTrue();
        assertThat(gate.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());

        EvaluationContext singleOrg = new ImmutableContext("org-8", Map.of("kind", new Value("organization"),
                "tier", new Value("gold")));
        assertThat(client.getBooleanValue("org-gate", false, singleOrg)).isTrue();
        assertThat(client.getBooleanValue("org-gate", false, user("u-2", "gold"))).as("a user, not an org").isFalse();
    }

    @Test
    void emitsConfigurationChangedWithTheChangedFlags() {
        edge.snapshot(snapshot(3, "dark"));
        vexil = vexilClient().build();
        Client client = start(VexilProvider.builder(vexil));
        List<EventDetails> changes = new CopyOnWriteArrayList<>();
        client.onProviderConfigurationChanged(changes::add);

        edge.snapshot(snapshot(4, "light"));
        Eventually.await("configuration changed", () -> !changes.isEmpty());

        assertThat(changes.get(0).getFlagsChanged()).containsExactly("theme");
        assertThat(client.getStringValue("theme", "none", user("u", "pro"))).isEqualTo("light");
    }

    @Test
    void emitsStaleWhenPollingFailsAndReadyWhenItRecovers() {
        edge.snapshot(snapshot(3, "dark"));
        vexil = vexilClient().build();
        Client client = start(VexilProvider.builder(vexil).staleAfterFailures(2)
                .healthCheckInterval(Duration.ofMillis(50)));
        List<EventDetails> stale = new CopyOnWriteArrayList<>();
        List<EventDetails> ready = new CopyOnWriteArrayList<>();
        client.onProviderStale(stale::add);
        client.onProviderReady(ready::add);
        Eventually.await("the initial ready event", () -> !ready.isEmpty());
        ready.clear();

        edge.snapshotOverride(FakeEdge.status(500));
        Eventually.await(Duration.ofSeconds(60), "stale", () -> !stale.isEmpty());
        assertThat(stale.get(0).getMessage()).contains("polls in a row failed");
        assertThat(client.getProviderState()).isEqualTo(ProviderState.STALE);
        assertThat(client.getBooleanValue("new-checkout", false, user("vip", "free"))).as("still serving").isTrue();

        edge.clearSnapshotOverride();
        Eventually.await(Duration.ofSeconds(60), "ready again", () -> !ready.isEmpty());
        assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
    }

    @Test
    void aRefusedKeyPutsTheProviderInError() {
        edge.snapshot(snapshot(3, "dark"));
        vexil = vexilClient().build();
        Client client = start(VexilProvider.builder(vexil).healthCheckInterval(Duration.ofMillis(50)));
        List<EventDetails> errors = new CopyOnWriteArrayList<>();
        client.onProviderError(errors::add);

        edge.requireKey("sdk-another-key");
        // Issue 10: a refused key is PROVIDER_ERROR (it was PROVIDER_STALE); the last data is still served.
        Eventually.await("error", () -> !errors.isEmpty());
        assertThat(errors.get(0).getMessage()).contains("SDK key refused (403)");
        assertThat(client.getProviderState()).isEqualTo(ProviderState.ERROR);
        assertThat(client.getBooleanValue("new-checkout", false, user("vip", "free"))).as("still serving").isTrue();
    }

    @Test
    void aLateFirstSnapshotEmitsReady() {
        vexil = vexilClient().build(); // the edge has no snapshot yet (404)
        VexilProvider provider = VexilProvider.builder(vexil).initializationTimeout(Duration.ofMillis(300)).build();
        List<EventDetails> ready = new CopyOnWriteArrayList<>();
        Client client = OpenFeatureAPI.getInstance().getClient(domain);
        client.onProviderReady(ready::add);

        Throwable failure = catchThrowable(() -> OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider));
        if (failure != null) {
            assertThat(failure).hasMessageContaining("no snapshot");
        }
        assertThat(client.getProviderState()).isEqualTo(ProviderState.ERROR);
        FlagEvaluationDetails<Boolean> early = client.getBooleanDetails("new-checkout", false, user("vip", "free"));
        assertThat(early.getValue()).isFalse();
        assertThat(early.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);

        edge.snapshot(snapshot(1, "dark"));
        Eventually.await("ready", () -> !ready.isEmpty());
        assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
        assertThat(client.getBooleanValue("new-checkout", false, user("vip", "free"))).isTrue();
    }
}
