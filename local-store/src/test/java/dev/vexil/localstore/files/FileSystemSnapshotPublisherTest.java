package dev.vexil.localstore.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.core.publish.ObjectHeaders;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.publish.SnapshotPublisherContract;
import dev.vexil.core.publish.StoredObject;
import dev.vexil.core.publish.TestSnapshots;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher contract against a directory tree, plus what only the filesystem can get wrong. */
class FileSystemSnapshotPublisherTest extends SnapshotPublisherContract {
    @TempDir
    Path root;

    @Override
    protected SnapshotPublisher publisher() {
        return new FileSystemSnapshotPublisher(root);
    }

    @Override
    protected SnapshotPublisher secondPublisher() {
        return new FileSystemSnapshotPublisher(root);
    }

    @Test
    void theLayoutUnderTheRootIsTheBucketLayout() {
        publisher().publish(TestSnapshots.sealed("shop", "production", 5));

        assertThat(root.resolve("snapshots/shop/production/current.json")).isRegularFile();
        assertThat(root.resolve("snapshots/shop/production/v/00000000000000000005.json")).isRegularFile();
    }

    @Test
    void aKillListCopiedInByHandIsServedWithHeadersThatMatchItsBytes() throws Exception {
        Path file = root.resolve(SnapshotLayout.killList("shop", "production"));
        Files.createDirectories(file.getParent());
        byte[] plain = "{\"flags\":[\"checkout\"]}".getBytes(StandardCharsets.UTF_8);
        Files.write(file, plain);

        StoredObject stored = publisher().read(SnapshotLayout.killList("shop", "production")).orElseThrow();
        assertThat(stored.body()).isEqualTo(plain);
        assertThat(stored.contentEncoding()).isNull();
        assertThat(stored.cacheControl()).isEqualTo(ObjectHeaders.CACHE_MUTABLE);

        // Replaced by hand after the publisher wrote it: the old sidecar no longer describes it.
        publisher().writeKillList("shop", "production", plain);
        Files.write(file, plain);
        assertThat(publisher().read(SnapshotLayout.killList("shop", "production")).orElseThrow().contentEncoding()).isNull();
    }

    @Test
    void keysOutsideTheRootAreRefused() {
        assertThatThrownBy(() -> publisher().read("snapshots/../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
