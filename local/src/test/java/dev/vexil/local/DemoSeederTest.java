package dev.vexil.local;

import dev.vexil.wire.SdkKeys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.compiler.SnapshotAssembler;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.core.store.Versioned;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.local.edge.SdkKeyLookup;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.validate.ValidationScope;
import dev.vexil.validate.Validator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSeederTest {
    @TempDir
    Path dir;

    @Test
    void seedsAValidDemoProjectWithOneWorkingKeyPerEnvironment() {
        try (SqliteFlagRepository repository = new SqliteFlagRepository(dir.resolve("vexil.db"))) {
            LocalCredentials credentials = new DemoSeeder(repository, Clock.systemUTC())
                    .seed(LocalCredentials.loadOrCreate(dir));

            assertThat(repository.getProject("demo").orElseThrow().value().roles()).containsEntry("*", "admin");
            assertThat(repository.listEnvironments("demo")).extracting(v -> v.value().key())
                    .containsExactlyInAnyOrder("development", "production");
            assertThat(credentials.demoSdkKeys()).containsOnlyKeys("development", "production");
            credentials.demoSdkKeys().forEach((environment, secret) -> {
                assertThat(secret).matches("sdk-[A-Za-z0-9_-]{43}");
                SdkKeyRecord key = repository.findSdkKeyByHash(SdkKeys.hash(secret)).orElseThrow();
                assertThat(key.environment()).isEqualTo(environment);
                assertThat(key.active()).isTrue();
            });
            for (String environment : DemoSeeder.ENVIRONMENTS) {
                for (String flag : List.of(DemoSeeder.CHECKOUT_FLAG, DemoSeeder.BANNER_FLAG)) {
                    FlagDefinition definition = repository.getFlagDefinition("demo", flag).orElseThrow().value();
                    Versioned<?> config = repository.getFlagConfig("demo", environment, flag).orElseThrow();
                    assertThat(Validator.validateFlagConfig(SnapshotCodec.mapper().valueToTree(config.value()),
                            definition, ValidationScope.empty())).as("%s in %s", flag, environment).isEmpty();
                }
            }
        }
    }

    @Test
    void productionTargetingDoesWhatTheDemoSays() {
        try (SqliteFlagRepository repository = new SqliteFlagRepository(dir.resolve("vexil.db"))) {
            new DemoSeeder(repository, Clock.systemUTC()).seed(LocalCredentials.loadOrCreate(dir));
            Snapshot snapshot = SnapshotCodec.seal(SnapshotAssembler.assemble(
                    repository.loadEnvironmentState("demo", "production", List.of()), Instant.now()));
            assertThat(Validator.validateSnapshot(snapshot, Validator.Mode.STRICT)).isEmpty();
            CompiledEnvironment production = CompiledEnvironment.compile(snapshot);

            Context colleague = Context.builder("bob").set("email", "bob@example.com").build();
            Context alice = Context.builder("alice").build();
            Context proCustomer = Context.builder("carol").set("plan", "pro").build();
            Context freeCustomer = Context.builder("dave").set("plan", "free").build();
            assertThat(production.evaluate("new-checkout", colleague).value().asBoolean()).isTrue();
            assertThat(production.evaluate("banner-text", alice).variationIndex()).isEqualTo(1);
            assertThat(production.evaluate("banner-text", proCustomer).variationIndex()).isEqualTo(1);
            assertThat(production.evaluate("banner-text", freeCustomer).variationIndex()).isZero();
        }
    }

    @Test
    void aSecondSeedWritesNothingAndKeepsTheKeys() {
        try (SqliteFlagRepository repository = new SqliteFlagRepository(dir.resolve("vexil.db"))) {
            DemoSeeder seeder = new DemoSeeder(repository, Clock.systemUTC());
            LocalCredentials first = seeder.seed(LocalCredentials.loadOrCreate(dir));
            LocalCredentials second = seeder.seed(first);

            assertThat(second).isEqualTo(first);
            assertThat(repository.getProject("demo").orElseThrow().version()).isEqualTo(1);
            assertThat(repository.flagConfigHistory("demo", "production", "new-checkout")).hasSize(1);
            assertThat(repository.listSdkKeys("demo", "development")).hasSize(1);
            assertThat(Map.copyOf(second.demoSdkKeys())).isEqualTo(first.demoSdkKeys());
        }
    }
}
