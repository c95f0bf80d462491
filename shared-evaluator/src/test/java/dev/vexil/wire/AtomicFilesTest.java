package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsTheDirectoriesAndTheFile() throws Exception {
        Path target = dir.resolve("a/b/current.json");
        AtomicFiles.write(target, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("{\"v\":1}");
        assertThat(names(target.getParent())).containsExactly("current.json");
    }

    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("state.json");
        Files.writeString(target, "a much longer old content than the new one");
        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("new");
        assertThat(names(dir)).containsExactly("state.json");
    }

    @Test
    void onPosixTheFileIsReadableByItsOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("credentials.json");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(target, "secret".getBytes(StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void aFailedReplacementLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("current.json");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "kept");
        assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(target.resolve("inside")).hasContent("kept");
        assertThat(names(dir)).containsExactly("current.json");
    }

    @Test
    void aConcurrentReaderSeesTheOldOrTheNewContentNeverAMix() throws Exception {
        Path target = dir.resolve("current.json");
        byte[] first = "a".repeat(256 * 1024).getBytes(StandardCharsets.UTF_8);
        byte[] second = "b".repeat(256 * 1024).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, first);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && torn.get() == null) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    if (!Arrays.equals(seen, first) && !Arrays.equals(seen, second)) {
                        torn.set(seen.length + " bytes, neither version");
                    }
                } catch (IOException e) {
                    torn.set(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20; i++) {
            AtomicFiles.write(target, i % 2 == 0 ? second : first);
        }
        done.set(true);
        reader.join();
        assertThat(torn.get()).isNull();
    }
}
