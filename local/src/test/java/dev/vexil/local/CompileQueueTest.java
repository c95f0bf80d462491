package dev.vexil.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompileQueueTest {
    private record Compile(String project, String environment, List<ChangeRef> changes) {
    }

    private final List<Compile> compiles = new CopyOnWriteArrayList<>();
    private final EnvironmentCompiler recording = (p, e, changes) -> compiles.add(new Compile(p, e, new ArrayList<>(changes)));
    private final Map<String, List<String>> environments = Map.of("shop", List.of("dev", "prod"));

    private static ChangeRef config(String env, String flag, long version) {
        return new ChangeRef("shop", env, ResourceType.FLAG_CONFIG, flag, version);
    }

    @Test
    void aBurstOfChangesToOneEnvironmentCompilesOnceWithEveryChange() throws Exception {
        // The window opens at the first change; 1 s leaves a starved machine ample time to queue all twenty.
        try (CompileQueue queue = new CompileQueue(recording, environments::get, Duration.ofSeconds(1))) {
            for (int v = 1; v <= 20; v++) {
                queue.accept(config("dev", "f", v));
            }
            assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(compiles).hasSize(1);
        assertThat(compiles.get(0).environment()).isEqualTo("dev");
        assertThat(compiles.get(0).changes()).hasSize(20);
    }

    @Test
    void projectLevelChangesReachEveryEnvironment() throws Exception {
        ChangeRef definition = new ChangeRef("shop", null, ResourceType.FLAG_DEFINITION, "f", 2);
        try (CompileQueue queue = new CompileQueue(recording, environments::get, Duration.ofMillis(10))) {
            queue.accept(definition);
            assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(compiles).extracting(Compile::environment).containsExactlyInAnyOrder("dev", "prod");
        assertThat(compiles).allSatisfy(c -> assertThat(c.changes()).containsExactly(definition));
    }

    @Test
    void aFailedCompileIsRetriedWithItsChangesUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        EnvironmentCompiler failsTwice = (p, e, changes) -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("publish failed");
            }
            recording.compile(p, e, changes);
        };
        try (CompileQueue queue = new CompileQueue(failsTwice, environments::get, Duration.ofMillis(10))) {
            queue.accept(config("prod", "f", 7));
            assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(compiles).singleElement().satisfies(c -> assertThat(c.changes()).containsExactly(config("prod", "f", 7)));
    }

    @Test
    void closeCompilesWhatIsStillQueued() {
        CompileQueue queue = new CompileQueue(recording, environments::get, Duration.ofSeconds(30));
        queue.accept(config("dev", "f", 1));
        queue.close();
        assertThat(compiles).singleElement().satisfies(c -> assertThat(c.environment()).isEqualTo("dev"));
        queue.accept(config("dev", "f", 2)); // after close: dropped, never compiled
        assertThat(compiles).hasSize(1);
    }

    @Test
    void changesToDifferentEnvironmentsCompileEachEnvironment() throws Exception {
        try (CompileQueue queue = new CompileQueue(recording, environments::get, Duration.ofMillis(500))) {
            queue.accept(config("dev", "a", 1));
            queue.accept(config("prod", "a", 1));
            queue.accept(config("dev", "b", 1));
            assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        Collection<String> envs = compiles.stream().map(Compile::environment).toList();
        assertThat(envs).containsExactlyInAnyOrder("dev", "prod");
    }
}
