package dev.vexil.core.publish;

import dev.vexil.wire.ObjectEncoding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

class SnapshotObjectTest {
    @Test
    void encodesExactlyWhatTheCodecWritesAndSealsWithTheSameHash() throws Exception {
        Snapshot sealed = TestSnapshots.sealed("shop", "production", 42);
        Snapshot unsealed = sealed.withContentHash(null);

        SnapshotObject fromUnsealed = SnapshotObject.encode(unsealed);
        SnapshotObject fromSealed = SnapshotObject.encode(sealed);

        assertThat(fromUnsealed.json()).isEqualTo(SnapshotCodec.write(sealed));
        assertThat(fromSealed.json()).isEqualTo(fromUnsealed.json());
        assertThat(fromUnsealed.contentHash()).isEqualTo(sealed.contentHash());
        assertThat(SnapshotCodec.read(ObjectEncoding.gunzip(fromUnsealed.gzip())).contentHash()).isEqualTo(sealed.contentHash());
        assertThat(fromUnsealed.gzip()).as("deterministic gzip").isEqualTo(SnapshotObject.encode(unsealed).gzip());
    }

    @Test
    void aStaleContentHashIsNotCarriedOver() {
        Snapshot stale = TestSnapshots.sealed("shop", "production", 42).withContentHash("sha256:" + "0".repeat(64));

        assertThat(SnapshotObject.encode(stale).contentHash())
                .isEqualTo(TestSnapshots.sealed("shop", "production", 42).contentHash());
    }
}
