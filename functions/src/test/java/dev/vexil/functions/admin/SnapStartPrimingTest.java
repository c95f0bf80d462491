package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapStartPrimingTest {
    @TempDir
    Path directory;

    @Test
    void beforeCheckpointRunsEveryStepAndWritesNothing() {
        try (AdminFixture api = new AdminFixture(directory)) {
            String p = api.project("priming", "production");
            String projectsBefore = api.get("/v1/projects").expect(200).text();
            int changes = api.changes.get();

            assertThatCode(() -> api.handler.primer().beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThat(api.handler.primer().prime()).as("failed priming steps").isZero();

            assertThat(api.changes.get()).isEqualTo(changes);
            assertThat(api.get("/v1/projects").expect(200).text()).isEqualTo(projectsBefore);
            assertThat(api.repository.getProject(AdminPrimer.IMPOSSIBLE_PROJECT)).isEmpty();
            assertThat(api.repository.listEnvironments(p)).hasSize(1);
            assertThat(api.repository.listFlagDefinitions(p, null, null, 10).items()).isEmpty();
            assertThat(api.repository.loadEnvironmentState(p, "production", List.of()).flags()).isEmpty();
        }
    }
}
