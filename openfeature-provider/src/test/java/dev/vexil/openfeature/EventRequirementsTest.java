package dev.vexil.openfeature;

import static dev.vexil.openfeature.ProviderHarness.provider;
import static dev.vexil.openfeature.ProviderHarness.scenarios;
import static dev.vexil.sdk.ScenarioFlags.staticFlag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.ProviderEventRecorder;
import dev.openfeature.sdk.ProviderState;
import dev.vexil.sdk.Eventually;
import dev.vexil.sdk.FakeEdge;
import dev.vexil.sdk.TestKnobs;
import dev.vexil.sdk.VexilClient;
import dev.vexil.sdk.TestSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenFeature specification, section 5 (events), in the version the OpenFeature Java SDK 1.22.0 implements
 * (open-feature/spec at e33a15e): {@code PROVIDER_READY}, {@code PROVIDER_CONFIGURATION_CHANGED} with the changed
 * flag keys, {@code PROVIDER_STALE} and back, {@code PROVIDER_ERROR} when the key is refused.
 */
class EventRequirementsTest {
    @RegisterExtension
    final ProviderHarness harness = new ProviderHarness();
    private final List<EventDetails> events = new CopyOnWriteArrayList<>();

    @Test
    void requirement_5_1_1_configurationChangedCarriesTheChangedFlagKeys() {
        Client client = harness.start();
        client.onProviderConfigurationChanged(events::add);

        harness.edge.snapshot(TestSnapshots.json(4, staticFlag("static")));
        Eventually.await("configuration changed", () -> !events.isEmpty());
        assertThat(events.get(0).getFlagsChanged()).as("every flag but 'static' is gone")
                .contains("theme", "split").doesNotContain("static");
        assertThat(events.get(0).getEventMetadata().getLong("snapshotVersion")).isEqualTo(4L);
        assertThat(client.getProviderState()).as("no change of state").isEqualTo(ProviderState.READY);
    }

    @Test
    void requirement_5_1_2_clientAndApiHandlersRun() {
        Client client = harness.start();
        List<EventDetails> global = new CopyOnWriteArrayList<>();
        Consumer<EventDetails> globalHandler = global::add;
        OpenFeatureAPI.getInstance().onProviderConfigurationChanged(globalHandler);
        try {
            client.onProviderConfigurationChanged(events::add);
            harness.edge.snapshot(TestSnapshots.json(5, staticFlag("static")));
            Eventually.await("client handler", () -> !events.isEmpty());
            Eventually.await("API handler", () -> global.stream().anyMatch(e -> "vexil".equals(e.getProviderName())
                    && Long.valueOf(5).equals(e.getEventMetadata().getLong("snapshotVersion"))));
        } finally {
            OpenFeatureAPI.getInstance().removeHandler(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED, globalHandler);
        }
    }

    @Test
    void requirement_5_1_3_handlersOfClientsOfOtherProvidersDoNotRun() {
        try (ProviderHarness other = new ProviderHarness()) {
            Client otherClient = other.start();
            List<EventDetails> otherEvents = new CopyOnWriteArrayList<>();
            otherClient.onProviderConfigurationChanged(otherEvents::add);
            Client client = harness.start();
            client.onProviderConfigurationChanged(events::add);

            harness.edge.snapshot(TestSnapshots.json(4, staticFlag("static")));
            Eventually.await("our handler", () -> !events.isEmpty());
            other.edge.snapshot(TestSnapshots.json(7, staticFlag("static")));
            Eventually.await("the other provider's own change", () -> !otherEvents.isEmpty());
            assertThat(otherEvents).hasSize(1);
            assertThat(otherEvents.get(0).getEventMetadata().getLong("snapshotVersion")).isEqualTo(7L);
        }
    }

    @Test
    void requirement_5_1_4_aRefusedKeyIsAnErrorEventWithAMessage() {
        Client client = harness.start();
        client.onProviderError(events::add);

        harness.edge.requireKey("sdk-another-key");
        Eventually.await("error event", () -> !events.isEmpty());
        assertThat(events.get(0).getMessage()).isEqualTo("Vexil: SDK key refused (403): it may be revoked; serving "
                + "snapshot version 3 while the key is retried every 5 minutes");
        assertThat(client.getProviderState()).as("ERROR, not FATAL: the last data is still served")
                .isEqualTo(ProviderState.ERROR);
        assertThat(client.getBooleanValue("static", false)).isTrue();
    }

    @Test
    void requirement_5_3_5_aKeyAcceptedAgainIsAReadyEventAfterTheError() {
        harness.edge.snapshot(scenarios(3));
        Client client = harness.start(provider(harness.vexil(TestKnobs.keyRefusedRetry(
                VexilClient.builder(harness.edge.baseUri(), ProviderHarness.KEY).pollInterval(Duration.ofMillis(50)),
                Duration.ofMillis(50)))));
        List<EventDetails> ready = new CopyOnWriteArrayList<>();
        client.onProviderError(events::add);

        harness.edge.requireKey("sdk-another-key");
        Eventually.await("error event", () -> !events.isEmpty());
        assertThat(client.getProviderState()).isEqualTo(ProviderState.ERROR);
        client.onProviderReady(ready::add);
        ready.clear(); // a handler added to a READY provider runs at once; only the later event counts

        harness.edge.requireKey(null);
        Eventually.await("ready again", () -> ready.stream()
                .anyMatch(e -> "Vexil: the SDK key is accepted again".equals(e.getMessage())));
        assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
        assertThat(events).hasSize(1);
    }

    @Test
    void requirement_5_1_5_theErrorEventCarriesAnErrorCode() throws Exception {
        harness.edge.snapshot(scenarios(3));
        VexilProvider provider = provider(harness.vexil()).build(); // not registered: we listen to it directly
        ProviderEventRecorder recorder = new ProviderEventRecorder(provider);
        try {
            provider.initialize(null);
            harness.edge.requireKey("sdk-another-key");
            Eventually.await("error event", () -> recorder.emitted().stream()
                    .anyMatch(e -> e.event() == ProviderEvent.PROVIDER_ERROR));
            ProviderEventDetails error = recorder.emitted().stream()
                    .filter(e -> e.event() == ProviderEvent.PROVIDER_ERROR).findFirst().orElseThrow().details();
            assertThat(error.getErrorCode()).isEqualTo(ErrorCode.GENERAL);
            assertThat(error.getEventMetadata().getLong("snapshotVersion")).isEqualTo(3L);
        } finally {
            provider.shutdown();
        }
    }

    @Test
    void requirement_5_2_3_eventDetailsNameTheProvider() {
        Client client = harness.start();
        client.onProviderConfigurationChanged(events::add);
        harness.edge.snapshot(TestSnapshots.json(4, staticFlag("static")));
        Eventually.await("configuration changed", () -> !events.isEmpty());
        assertThat(events.get(0).getProviderName()).isEqualTo("vexil");
    }

    @Test
    void requirement_5_3_1_readyHandlersRunWhenInitializeSucceeds() {
        harness.client().onProviderReady(events::add);
        harness.start();
        Eventually.await("ready", () -> !events.isEmpty());
        assertThat(harness.client().getProviderState()).isEqualTo(ProviderState.READY);
    }

    @Test
    void requirement_5_3_2_errorHandlersRunWhenInitializeFailsAndReadyOnesWhenTheSnapshotComes() {
        Client client = harness.client();
        List<EventDetails> ready = new CopyOnWriteArrayList<>();
        client.onProviderError(events::add);
        client.onProviderReady(ready::add);
        VexilProvider provider = provider(harness.vexil()).initializationTimeout(Duration.ofMillis(300)).build();
        catchThrowable(() -> OpenFeatureAPI.getInstance().setProviderAndWait(harness.domain, provider));
        Eventually.await("error", () -> !events.isEmpty());
        assertThat(events.get(0).getMessage()).startsWith("Vexil has no snapshot after 300 ms");
        assertThat(ready).isEmpty();

        harness.edge.snapshot(scenarios(1));
        Eventually.await("ready", () -> !ready.isEmpty());
        assertThat(ready.get(0).getMessage()).isEqualTo("Vexil snapshot version 1 loaded");
        assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
    }

    @Test
    void requirement_5_3_3_handlersAttachedInTheCurrentStateRunAtOnce() {
        Client client = harness.start();
        assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
        client.onProviderReady(events::add);
        Eventually.await("ready handler run on attach", () -> !events.isEmpty());
    }

    @Test
    void requirement_5_3_5_theStatusFollowsStaleAndReadyAsTheDataAgesAndRecovers() {
        harness.edge.snapshot(scenarios(3));
        Client client = harness.start(provider(harness.vexil()).staleAfter(Duration.ofSeconds(2))
                .staleAfterFailures(1_000));
        List<EventDetails> ready = new CopyOnWriteArrayList<>();
        client.onProviderStale(events::add);
        client.onProviderReady(ready::add);
        Eventually.await("the initial ready event", () -> !ready.isEmpty());
        ready.clear();

        harness.edge.snapshotOverride(FakeEdge.status(500));
        Eventually.await(Duration.ofSeconds(60), "stale", () -> !events.isEmpty());
        assertThat(events.get(0).getMessage()).startsWith("Vexil: data last confirmed ");
        assertThat(client.getProviderState()).isEqualTo(ProviderState.STALE);

        harness.edge.clearSnapshotOverride();
        Eventually.await(Duration.ofSeconds(60), "ready again", () -> !ready.isEmpty());
        assertThat(ready.get(0).getMessage()).isEqualTo("Vexil data is fresh again");
        assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
    }
}
