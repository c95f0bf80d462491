package dev.vexil.sdk;

import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.model.Flag;
import dev.vexil.model.Snapshot;
import dev.vexil.wire.KillList;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Owns what the client serves. Writers (the poller, the staleness timer, start-up loading) go through synchronized
 * methods that compile a new {@link CompiledEnvironment} and publish it with one volatile write; evaluation threads
 * only ever do one volatile read of {@link #current()}. Change events are queued inside the lock, so listeners see
 * them in swap order.
 */
final class EnvironmentStore {
    static final String KILL_LIST_NOTE = "kill list";
    static final String STALE_NOTE = "stale";

    private static final System.Logger LOG = System.getLogger(EnvironmentStore.class.getName());

    private final Clock clock;
    private final Consumer<SnapshotEvent> publisher;
    private final Consumer<EnvironmentHolder> onSwap;
    private final Function<CompiledEnvironment, EvaluationCounters> counters;
    private final CountDownLatch initialized = new CountDownLatch(1);

    private volatile EnvironmentHolder current;
    private volatile Instant confirmedAt;
    // Guarded by this:
    private KillList killList = KillList.NONE;
    private Snapshot validated; // the snapshot invalidFlags describes (by identity)
    private Map<String, String> invalidFlags = Map.of();

    /**
     * @param onSwap told of every new holder inside the lock, right after it is published here; the client keeps
     *               its own volatile copy so that its evaluation path saves one dependent load
     */
    EnvironmentStore(Clock clock, Consumer<SnapshotEvent> publisher, Consumer<EnvironmentHolder> onSwap) {
        this(clock, publisher, onSwap, environment -> EvaluationCounters.DISABLED);
    }

    /** @param counters gives each newly compiled environment its evaluation counters (evaluation metrics) */
    EnvironmentStore(Clock clock, Consumer<SnapshotEvent> publisher, Consumer<EnvironmentHolder> onSwap,
                     Function<CompiledEnvironment, EvaluationCounters> counters) {
        this.clock = clock;
        this.publisher = publisher;
        this.onSwap = onSwap;
        this.counters = counters;
    }

    EnvironmentHolder current() {
        return current;
    }

    Instant confirmedAt() {
        return confirmedAt;
    }

    synchronized KillList killList() {
        return killList;
    }

    boolean awaitInitialized(long timeout, TimeUnit unit) throws InterruptedException {
        return initialized.await(timeout, unit);
    }

    /** What happened to a snapshot offered by the edge. */
    enum Offer { NONE, ACCEPTED, SAME, OLDER, UNCOMPILABLE }

    record Applied(Offer offer, String problem) {
    }

    /**
     * Applies one poll cycle's results in one swap.
     *
     * @param snapshot  a verified snapshot from a 200, or null
     * @param confirmed the edge confirmed the data (a 200 that is accepted or equal to ours, or a 304)
     * @param newKillList the kill list if the edge sent one (404 means {@link KillList#NONE}), null to keep ours
     */
    synchronized Applied applyFromEdge(Snapshot snapshot, boolean confirmed, KillList newKillList) {
        EnvironmentHolder before = current;
        Offer offer = Offer.NONE;
        String problem = null;
        Snapshot next = before == null ? null : before.snapshot;
        if (snapshot != null) {
            if (next != null && snapshot.version() < next.version()) {
                offer = Offer.OLDER;
                problem = "refused snapshot version " + snapshot.version() + ": older than the served version "
                        + next.version();
            } else if (next != null && snapshot.version() == next.version()
                    && Objects.equals(snapshot.contentHash(), next.contentHash())) {
                offer = Offer.SAME;
            } else {
                offer = Offer.ACCEPTED;
                next = snapshot;
            }
        }
        Instant confirmation = confirmed && offer != Offer.OLDER ? clock.instant() : confirmedAt;
        KillList kills = newKillList == null ? killList : newKillList;
        if (next == null) { // nothing to serve yet; remember the kill list and the confirmation for later
            killList = kills;
            return new Applied(offer, problem);
        }
        DataSource source = confirmed && offer != Offer.OLDER ? DataSource.EDGE : before.source;
        try {
            commit(before, next, source, kills, confirmation);
        } catch (RuntimeException e) {
            if (offer != Offer.ACCEPTED) {
                throw e;
            }
            if (before != null) { // keep serving the old snapshot, with this cycle's kill list
                commit(before, before.snapshot, before.source, kills, confirmedAt);
            } else {
                killList = kills;
            }
            return new Applied(Offer.UNCOMPILABLE, "refused snapshot version " + snapshot.version()
                    + (e instanceof IllegalArgumentException ? ": " + e.getMessage() : ": it does not compile: " + e));
        }
        return new Applied(offer, problem);
    }

    /** Start-up fallback: serves a cached or bootstrapped snapshot, unless the edge delivered one meanwhile. */
    synchronized boolean loadFallback(LoadedData data) {
        if (current != null) {
            return false;
        }
        KillList kills = data.killList() == null ? killList : data.killList();
        try {
            commit(null, data.snapshot(), data.source(), kills, data.confirmedAt());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Vexil: cannot serve snapshot version " + data.snapshot().version()
                    + " from the " + data.source().name().toLowerCase() + ": " + e.getMessage());
            return false;
        }
        return true;
    }

    /** Re-evaluates staleness (the timer and every poll cycle call this). */
    synchronized void refreshStaleness() {
        EnvironmentHolder before = current;
        if (before != null) {
            commit(before, before.snapshot, before.source, killList, confirmedAt);
        }
    }

    private void commit(EnvironmentHolder before, Snapshot next, DataSource source, KillList kills,
                        Instant confirmation) {
        Set<String> killed = present(next, kills.flags());
        Set<String> stale = StaleFlags.of(next, confirmation, clock.instant());
        boolean unchanged = before != null && before.snapshot == next && before.killed.equals(killed)
                && before.stale.equals(stale) && before.source == source;
        CompiledEnvironment environment = unchanged ? null : compile(next, killed, stale); // may throw: no state touched
        killList = kills;
        confirmedAt = confirmation;
        if (unchanged) {
            return; // nothing an evaluation could notice
        }
        EnvironmentHolder after = new EnvironmentHolder(environment, next, source, killed, stale,
                counters.apply(environment));
        current = after;
        onSwap.accept(after);
        initialized.countDown();
        Set<String> changed = ChangeDetector.changedFlags(before, after);
        long previousVersion = before == null ? -1 : before.version;
        if (!changed.isEmpty() || previousVersion != after.version) {
            publisher.accept(new SnapshotEvent(previousVersion, after.version, source, changed));
        }
    }

    /**
     * Compiles with the kill list's and the stale flags forced off (a killed flag keeps the note "kill list") and
     * the flags {@link LenientValidation} refuses serving MALFORMED_FLAG. Throws if the snapshot as a whole fails
     * validation. A snapshot is validated once, however often the kill list or staleness recompile it.
     */
    private CompiledEnvironment compile(Snapshot snapshot, Set<String> killed, Set<String> stale) {
        if (snapshot != validated) {
            invalidFlags = LenientValidation.invalidFlags(snapshot);
            validated = snapshot;
        }
        Map<String, String> forcedOff = new HashMap<>();
        stale.forEach(key -> forcedOff.put(key, STALE_NOTE));
        killed.forEach(key -> forcedOff.put(key, KILL_LIST_NOTE));
        return CompiledEnvironment.compile(withInternedKeys(snapshot), forcedOff, invalidFlags);
    }

    /**
     * The same snapshot with its flag keys interned. Application code passes flag keys as string literals, which are
     * interned, so the evaluator's lookup then matches by identity instead of comparing characters: keys parsed
     * from JSON are fresh strings. Done once per compile, off the hot path.
     */
    private static Snapshot withInternedKeys(Snapshot s) {
        List<Flag> flags = new ArrayList<>(s.flags().size());
        for (Flag f : s.flags()) {
            flags.add(new Flag(f.key().intern(), f.type(), f.variations(), f.version(), f.on(), f.offVariation(),
                    f.salt(), f.targets(), f.prerequisites(), f.rules(), f.fallthrough(), f.staleness()));
        }
        return new Snapshot(s.schemaVersion(), s.project(), s.environment(), s.version(), s.generatedAt(), flags,
                s.segments(), s.malformedFlags(), s.contentHash());
    }

    private static Set<String> present(Snapshot snapshot, Set<String> keys) {
        Set<String> result = new TreeSet<>();
        if (keys.isEmpty()) {
            return result;
        }
        snapshot.flags().forEach(f -> {
            if (keys.contains(f.key())) {
                result.add(f.key());
            }
        });
        return result;
    }
}
