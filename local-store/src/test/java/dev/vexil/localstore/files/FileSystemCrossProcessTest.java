package dev.vexil.localstore.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.wire.ObjectEncoding;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.TestSnapshots;
import dev.vexil.snapshot.SnapshotCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes publishing one environment under one root (two local compilers): current never goes back. */
class FileSystemCrossProcessTest {
    @TempDir
    Path root;

    @Test
    void publishersInTwoProcessesLeaveTheHighestVersionCurrent() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PublishLoop.class.getName(), root.toString(), "shop", "production", "1", "2", "60")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

        List<Long> even = new ArrayList<>();
        for (long v = 2; v <= 120; v += 2) {
            even.add(v);
        }
        Collections.shuffle(even, new Random(7));
        FileSystemSnapshotPublisher publisher = new FileSystemSnapshotPublisher(root);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (publisher.currentVersion("shop", "production").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5); // start racing once the other process is publishing
        }
        long highestSeen = -1;
        List<String> backwards = new ArrayList<>();
        for (long version : even) {
            publisher.publish(TestSnapshots.sealed("shop", "production", version));
            long seen = SnapshotCodec.read(ObjectEncoding.gunzip(
                    publisher.read(SnapshotLayout.current("shop", "production")).orElseThrow().body())).version();
            if (seen < highestSeen) {
                backwards.add(highestSeen + " then " + seen);
            }
            highestSeen = Math.max(highestSeen, seen);
        }
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("the other process finished").isTrue();
        assertThat(other.exitValue()).isZero();

        assertThat(backwards).isEmpty();
        var current = SnapshotCodec.read(ObjectEncoding.gunzip(
                publisher.read(SnapshotLayout.current("shop", "production")).orElseThrow().body()));
        assertThat(current.version()).isEqualTo(120);
        assertThat(current.contentHash()).isEqualTo(TestSnapshots.sealed("shop", "production", 120).contentHash());
        assertThat(publisher.currentVersion("shop", "production")).hasValue(120);
    }
}
