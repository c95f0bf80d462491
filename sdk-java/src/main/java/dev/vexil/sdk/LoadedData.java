package dev.vexil.sdk;

import dev.vexil.model.Snapshot;
import dev.vexil.wire.KillList;
import java.time.Instant;

/**
 * A verified snapshot read from disk (the last-known-good cache or the bootstrap file), with what was recorded
 * beside it: when the edge last confirmed it (null if unknown), the ETags to revalidate with, and the last kill list.
 */
record LoadedData(Snapshot snapshot, DataSource source, Instant confirmedAt, String snapshotEtag,
                  KillList killList, String killListEtag) {
}
