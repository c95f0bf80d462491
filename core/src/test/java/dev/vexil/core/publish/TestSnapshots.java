package dev.vexil.core.publish;

import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import dev.vexil.snapshot.SnapshotCodec;
import java.time.Instant;
import java.util.List;

/** Small sealed snapshots for publisher tests: one boolean flag whose on/off state follows the version. */
public final class TestSnapshots {
    private TestSnapshots() {
    }

    public static Snapshot sealed(String project, String environment, long version) {
        return sealed(project, environment, version, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version));
    }

    public static Snapshot sealed(String project, String environment, long version, Instant generatedAt) {
        Flag flag = new Flag("checkout", FlagType.BOOLEAN,
                List.of(new Variation(BooleanNode.TRUE, "on"), new Variation(BooleanNode.FALSE, "off")),
                version, version % 2 == 0, 1, null, List.of(), List.of(), List.of(), Serve.variation(0), null);
        return SnapshotCodec.seal(new Snapshot(Snapshot.CURRENT_SCHEMA_VERSION, project, environment, version,
                generatedAt.toString(), List.of(flag), List.of(), null));
    }
}
