package dev.vexil.openfeature;

import static dev.vexil.openfeature.ProviderHarness.provider;
import static dev.vexil.openfeature.ProviderHarness.scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.OpenFeatureError;
import dev.vexil.eval.Context;
import dev.vexil.sdk.Eventually;
import dev.vexil.sdk.TestKnobs;
import dev.vexil.sdk.VexilClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenFeature specification, sections 1.7 (provider lifecycle), 2.4 (initialization) and 2.5 (shutdown), in the
 * version the OpenFeature Java SDK 1.22.0 implements (open-feature/spec at e33a15e).
 */
class ProviderLifecycleRequirementsTest {
    @RegisterExtension
    final ProviderHarness harness = new ProviderHarness();

    /** Registers a provider whose client has no snapshot yet; initialisation gives up after 300 ms. */
    private Throwable startWithoutSnapshot(VexilClient vexil) {
        VexilProvider provider = provider(vexil).initializationTimeout(Duration.ofMillis(300)).build();
        return catchThrowable(() -> OpenFeatureAPI.getInstance().setProviderAndWait(harness.domain, provider));
    }

    @Test
    void requirement_2_4_1_initializeWaitsForTheFirstSnapshot() {
        harness.edge.snapshot(scenarios(3));
        VexilClient vexil = harness.vexil();
        Client client = harness.start(provider(vexil));
        assertThat(vexil.status().initialized()).as("initialised when setProviderAndWait returns").isTrue();
        assertThat(client.getBooleanValue("static", false, new ImmutableContext(Map.of("env", new Value("x")))))
                .isTrue();
    }

    @Test
    void requirement_1_7_3_theStatusIsReadyOnceInitializeReturns() {
        assertThat(harness.start().getProviderState()).isEqualTo(ProviderState.READY);
    }

    @Test
    void requirement_2_4_2_1_initializeFailsWhileThereIsNoSnapshot() {
        Throwable failure = startWithoutSnapshot(harness.vexil()); // the edge answers 404 for now
        assertThat(failure).isInstanceOf(OpenFeatureError.class).hasMessageContaining("no snapshot after 300 ms");
        assertThat(((OpenFeatureError) failure).getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
    }

    @Test
    void requirement_1_7_4_theStatusIsErrorWhenInitializeFailsAndReadyWhenTheSnapshotComes() {
        startWithoutSnapshot(harness.vexil());
        Client client = harness.client();
        assertThat(client.getProviderState()).isEqualTo(ProviderState.ERROR);
        FlagEvaluationDetails<Boolean> early = client.getBooleanDetails("static", false);
        assertThat(early.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
        assertThat(early.getErrorMessage()).isEqualTo("flag 'static': no snapshot loaded yet");

        harness.edge.snapshot(scenarios(1));
        Eventually.await("ready", () -> client.getProviderState() == ProviderState.READY);
        assertThat(client.getBooleanValue("static", false)).isTrue();
    }

    @Test
    void requirement_1_7_5_theStatusIsFatalWhenNoSnapshotCanEverCome() {
        // Offline with nothing on disk: no snapshot can ever come. (A refused key is no longer final: see below.)
        VexilClient offline = harness.vexil(VexilClient.builder(harness.edge.baseUri(), ProviderHarness.KEY)
                .offline(true));
        Throwable failure = startWithoutSnapshot(offline);
        assertThat(failure).isInstanceOf(OpenFeatureError.class).hasMessageContaining("cannot get one");
        assertThat(((OpenFeatureError) failure).getErrorCode()).isEqualTo(ErrorCode.PROVIDER_FATAL);
        Client client = harness.client();
        assertThat(client.getProviderState()).isEqualTo(ProviderState.FATAL);
        FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("static", false);
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_FATAL);
        assertThat(details.getValue()).isFalse();
    }

    @Test
    void requirement_1_7_4_aKeyRefusedAtStartIsAnErrorUntilTheKeyWorks() {
        harness.edge.snapshot(scenarios(3)).requireKey("sdk-another-key"); // refuses the client's key: 403
        VexilClient vexil = harness.vexil(TestKnobs.keyRefusedRetry(
                VexilClient.builder(harness.edge.baseUri(), ProviderHarness.KEY).pollInterval(Duration.ofMillis(50)),
                Duration.ofMillis(50)));
        Throwable failure = startWithoutSnapshot(vexil);
        assertThat(failure).isInstanceOf(OpenFeatureError.class).hasMessageContaining("SDK key refused (403)");
        assertThat(((OpenFeatureError) failure).getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
        Client client = harness.client();
        assertThat(client.getProviderState()).isEqualTo(ProviderState.ERROR);

        harness.edge.requireKey(null);
        Eventually.await("ready", () -> client.getProviderState() == ProviderState.READY);
        assertThat(client.getBooleanValue("static", false)).isTrue();
    }

    @Test
    void requirement_2_5_1_shutdownReleasesWhatTheProviderOwns() {
        harness.edge.snapshot(scenarios(3));
        VexilClient owned = harness.vexil();
        VexilClient shared = harness.vexil();
        OpenFeatureAPI.getInstance().setProviderAndWait(harness.domain,
                provider(owned).closeClientOnShutdown(true).build());
        OpenFeatureAPI.getInstance().setProviderAndWait("other-" + harness.domain, provider(shared).build());

        OpenFeatureAPI.getInstance().setProviderAndWait(harness.domain, new NoOpProvider());
        OpenFeatureAPI.getInstance().setProviderAndWait("other-" + harness.domain, new NoOpProvider());
        // OpenFeature shuts replaced providers down on a thread of its own.
        Eventually.await("closeClientOnShutdown: the provider closed its client", () -> !owned.status().polling());
        assertThat(shared.status().polling()).as("by default the caller owns the client").isTrue();
    }

    @Test
    void requirement_2_5_2_afterShutdownTheProviderIsUninitializedAndWatchesNothing() {
        long before = healthThreads();
        harness.start();
        assertThat(healthThreads()).as("initialised: the provider checks the client's health").isEqualTo(before + 1);

        OpenFeatureAPI.getInstance().setProviderAndWait(harness.domain, new NoOpProvider()); // shuts ours down
        Eventually.await("the health check stopped", () -> healthThreads() == before);
    }

    private static long healthThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("vexil-openfeature-health")).count();
    }

    @Test
    void requirement_2_5_3_shutdownIsIdempotent() {
        harness.edge.snapshot(scenarios(3));
        VexilClient vexil = harness.vexil();
        VexilProvider provider = provider(vexil).closeClientOnShutdown(true).build();
        OpenFeatureAPI.getInstance().setProviderAndWait(harness.domain, provider);
        long threads = healthThreads();

        provider.shutdown();
        assertThat(vexil.status().polling()).as("closeClientOnShutdown closed the client").isFalse();
        Eventually.await("the health check stopped", () -> healthThreads() == threads - 1);
        assertThatCode(provider::shutdown).as("a second shutdown does nothing").doesNotThrowAnyException();
        assertThat(healthThreads()).isEqualTo(threads - 1);
        assertThat(vexil.boolVariation("static", Context.keyless(), false))
                .as("a closed client keeps answering from its last snapshot").isTrue();
    }
}
