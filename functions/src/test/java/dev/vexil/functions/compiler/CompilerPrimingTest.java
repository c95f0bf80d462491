package dev.vexil.functions.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.localstore.files.FileSystemSnapshotPublisher;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SnapStart hook: exercises a compile's code paths, writes nothing, never fails the checkpoint. */
class CompilerPrimingTest {
    @TempDir
    Path dir;

    @Test
    void primingWritesNothing() throws Exception {
        Path objects = dir.resolve("objects");
        try (SqliteFlagRepository repository = new SqliteFlagRepository(dir.resolve("vexil.db"))) {
            CompilerHandler handler = new CompilerHandler(repository, new FileSystemSnapshotPublisher(objects),
                    Clock.systemUTC(), new CompilerTelemetry(new LogLines(), Clock.systemUTC()));

            handler.beforeCheckpoint(null);

            assertThat(repository.listProjects(null, 10).items()).isEmpty();
        }
        try (Stream<Path> files = Files.exists(objects) ? Files.walk(objects) : Stream.empty()) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void thePrimedPathsRunToTheEndOnAValidSample() {
        assertThat(Validator.validateSnapshot(CompilerPriming.sampleSnapshot(), Validator.Mode.STRICT)).isEmpty();
        assertThatCode(CompilerPriming::primeInMemoryPaths).doesNotThrowAnyException();
    }

    @Test
    void primingSurvivesUnreachableStores() {
        SqliteFlagRepository closed = new SqliteFlagRepository(dir.resolve("vexil.db"));
        closed.close(); // every call now fails, as a client without network would
        CompilerHandler handler = new CompilerHandler(closed, new FileSystemSnapshotPublisher(dir.resolve("objects")),
                Clock.systemUTC(), new CompilerTelemetry(new LogLines(), Clock.systemUTC()));

        assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
    }
}
