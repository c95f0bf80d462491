package dev.vexil.core.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.ResourceType;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The staleness check of loadEnvironmentState, which consistent reads never trigger in the contract suite. */
class EnvironmentStatesTest {
    private static final StoredVersion ENV = version(ResourceType.ENVIRONMENT, "dev", 1,
            StoreJson.write(new Environment("dev", "Dev", false)));
    private static final StoredVersion DEFINITION = version(ResourceType.FLAG_DEFINITION, "f", 3,
            StoreJson.write(new FlagDefinition("f", "F", null, FlagType.BOOLEAN, List.of(), List.of(), null, null)));

    private static StoredVersion version(ResourceType type, String key, long version, String content) {
        return new StoredVersion(type, key, version, Instant.EPOCH, "alice", "create", null, null, content, false);
    }

    private static EnvironmentState assemble(ChangeRef... mustInclude) {
        return EnvironmentStates.assemble("p", "dev", ENV, List.of(DEFINITION), List.of(), List.of(),
                List.of(mustInclude));
    }

    @Test
    void acceptsStateThatReflectsTheTriggeringVersions() {
        EnvironmentState state = assemble(new ChangeRef("p", null, ResourceType.FLAG_DEFINITION, "f", 3),
                new ChangeRef("p", "dev", ResourceType.ENVIRONMENT, "dev", 1));
        assertThat(state.changeCounter()).isEqualTo(4);
        assertThat(state.flags()).singleElement().satisfies(f -> {
            assertThat(f.on()).isFalse();
            assertThat(f.version()).isNull();
        });
    }

    @Test
    void refusesStateOlderThanATriggeringVersion() {
        assertThatThrownBy(() -> assemble(new ChangeRef("p", null, ResourceType.FLAG_DEFINITION, "f", 4)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("older than the triggering version 4");
        assertThatThrownBy(() -> assemble(new ChangeRef("p", "dev", ResourceType.SEGMENT, "new-segment", 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ignoresChangesThatThisEnvironmentDoesNotDependOn() {
        assertThat(assemble(new ChangeRef("p", "prod", ResourceType.FLAG_CONFIG, "f", 9),
                new ChangeRef("other", null, ResourceType.FLAG_DEFINITION, "f", 9),
                new ChangeRef("p", "dev", ResourceType.SDK_KEY, "k1", 2),
                new ChangeRef("p", null, ResourceType.PROJECT, "p", 5)).changeCounter()).isEqualTo(4);
    }
}
