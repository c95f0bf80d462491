package dev.vexil.localstore.files;

import dev.vexil.core.publish.TestSnapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A second process for {@link FileSystemCrossProcessTest}: publishes the versions {@code first, first + step, ...}
 * ({@code count} of them, in a random order) of one environment under a root directory, then exits.
 */
public final class PublishLoop {
    private PublishLoop() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        String project = args[1];
        String environment = args[2];
        long first = Long.parseLong(args[3]);
        long step = Long.parseLong(args[4]);
        int count = Integer.parseInt(args[5]);
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            versions.add(first + i * step);
        }
        Collections.shuffle(versions, new Random(first));
        FileSystemSnapshotPublisher publisher = new FileSystemSnapshotPublisher(root);
        for (long version : versions) {
            publisher.publish(TestSnapshots.sealed(project, environment, version));
        }
    }
}
