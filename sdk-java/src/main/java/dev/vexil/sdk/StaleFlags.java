package dev.vexil.sdk;

import dev.vexil.model.Flag;
import dev.vexil.model.Snapshot;
import dev.vexil.model.StalenessPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The staleness policy: a flag whose {@code staleness.onStale} is {@code serveOff} serves its off variation once the
 * data age (time since the edge last confirmed the data) exceeds its {@code maxAgeSeconds}. Unknown age counts as
 * infinitely old, which is what failing closed means.
 */
final class StaleFlags {
    private StaleFlags() {
    }

    static Set<String> of(Snapshot snapshot, Instant confirmedAt, Instant now) {
        Set<String> stale = new TreeSet<>();
        Duration age = confirmedAt == null ? null : Duration.between(confirmedAt, now);
        for (Flag f : snapshot.flags()) {
            StalenessPolicy policy = f.staleness();
            if (policy != null && policy.failsClosed()
                    && (age == null || age.compareTo(Duration.ofSeconds(policy.maxAgeSeconds())) > 0)) {
                stale.add(f.key());
            }
        }
        return stale;
    }
}
