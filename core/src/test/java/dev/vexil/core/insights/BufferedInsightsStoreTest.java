package dev.vexil.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.eval.ReasonKind;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.EvaluationSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pre-aggregation: how many writes reach the store, and that no accepted count is lost or counted twice. */
class BufferedInsightsStoreTest {
    private static final Instant START = Instant.parse("2026-12-03T10:00:10Z");
    private static final Instant MINUTE_0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant MINUTE_1 = Instant.parse("2026-12-03T10:01:00Z");
    private static final EnvironmentId PROD = new EnvironmentId("shop", "prod");
    private static final EnvironmentId DEV = new EnvironmentId("shop", "dev");

    private final SettableClock clock = new SettableClock(START);
    private final RecordingStore store = new RecordingStore();

    /** The in-memory store, recording every add; it can be told to fail its next adds. */
    private static final class RecordingStore extends ForwardingInsightsStore {
        final List<Integer> addSizes = new ArrayList<>();
        int failNext;

        RecordingStore() {
            super(new InMemoryInsightsStore());
        }

        @Override
        public synchronized void add(String project, String environment, Instant minute,
                                     Collection<EvaluationCount> rows) {
            if (failNext > 0) {
                failNext--;
                throw new IllegalStateException("the insights table is throttling");
            }
            addSizes.add(rows.size());
            super.add(project, environment, minute, rows);
        }

        synchronized int adds() {
            return addSizes.size();
        }

        long total(EnvironmentId environment) {
            return counts(environment.project(), environment.environment(), null, MINUTE_0.minusSeconds(3600),
                    MINUTE_0.plusSeconds(3600)).stream().mapToLong(MinuteCount::count).sum();
        }
    }

    /** Writes into the recording store in its own way (partly, or failing now and then). */
    private abstract class AddingTo extends ForwardingInsightsStore {
        AddingTo() {
            super(store);
        }
    }

    private BufferedInsightsStore buffered(Duration flushAfter, int flushAtEntries, int maxEntries) {
        return new BufferedInsightsStore(store, new BufferedInsightsStore.Policy(flushAfter, flushAtEntries,
                maxEntries), clock);
    }

    private InsightsIngest ingest(InsightsStore into) {
        return new InsightsIngest(into, environment -> Set.of("checkout", "banner", "search"), clock);
    }

    private static byte[] summary(long n) {
        return new EvaluationSummary("vexil-java", "1", 3, START.minusSeconds(60), START, List.of(
                new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, n),
                new EvaluationSummary.Count("checkout", 1, ReasonKind.RULE_MATCH, 2 * n),
                new EvaluationSummary.Count("banner", 0, ReasonKind.OFF, 3 * n),
                new EvaluationSummary.Count("gone", 0, ReasonKind.OFF, n)), 0).toJson();
    }

    private static EvaluationCount count(String flag, long n) {
        return new EvaluationCount(flag, 0, ReasonKind.FALLTHROUGH, n);
    }

    @Test
    void manySummariesBecomeOneWritePerEnvironmentAndMinuteWithExactTotals() {
        BufferedInsightsStore buffered = buffered(Duration.ofSeconds(60), 5_000, 50_000);
        InsightsIngest ingest = ingest(buffered);
        for (int i = 0; i < 500; i++) {
            assertThat(ingest.ingest(i % 2 == 0 ? PROD : DEV, summary(1))).isEqualTo(
                    new InsightsIngest.Outcome.Accepted(4, 1));
            clock.advance(Duration.ofMillis(100)); // 50 s in all: not due yet
        }
        assertThat(store.adds()).isZero();
        assertThat(store.total(PROD)).isZero();

        clock.advance(Duration.ofSeconds(11)); // 10:01:11: minute 0's first counts are 60 s old
        ingest.ingest(PROD, summary(1));

        // prod and dev of minute 0, four distinct entries each; minute 1 (just begun) waits.
        assertThat(store.addSizes).containsExactly(4, 4);
        assertThat(buffered.bufferedEntries()).isEqualTo(4);
        assertThat(store.counts("shop", "prod", null, MINUTE_0, MINUTE_1.plusSeconds(60))).containsExactly(
                new MinuteCount(MINUTE_0, EvaluationCount.UNKNOWN_FLAG, 0, ReasonKind.OFF, 250),
                new MinuteCount(MINUTE_0, "banner", 0, ReasonKind.OFF, 750),
                new MinuteCount(MINUTE_0, "checkout", 0, ReasonKind.FALLTHROUGH, 250),
                new MinuteCount(MINUTE_0, "checkout", 1, ReasonKind.RULE_MATCH, 500));
        assertThat(store.total(DEV)).isEqualTo(250L * 7);

        clock.advance(Duration.ofSeconds(59));
        ingest.ingest(DEV, summary(1)); // 10:02:10: minute 1 of prod is not yet 60 s old
        assertThat(store.adds()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        ingest.ingest(DEV, summary(1));
        assertThat(store.addSizes).containsExactly(4, 4, 4);
        assertThat(store.counts("shop", "prod", "checkout", MINUTE_1, MINUTE_1.plusSeconds(60))).containsExactly(
                new MinuteCount(MINUTE_1, "checkout", 0, ReasonKind.FALLTHROUGH, 1),
                new MinuteCount(MINUTE_1, "checkout", 1, ReasonKind.RULE_MATCH, 2));
        assertThat(store.lastEvaluated("shop", "prod")).containsEntry("checkout", MINUTE_1);
    }

    @Test
    void moreDistinctEntriesThanTheFlushCapFlushBeforeTheirTime() {
        BufferedInsightsStore buffered = buffered(Duration.ofMinutes(10), 2, 100);
        buffered.add("shop", "prod", MINUTE_0, List.of(count("a", 1), count("b", 1)));
        assertThat(store.adds()).isZero();
        buffered.add("shop", "prod", MINUTE_0, List.of(count("c", 1)));
        assertThat(store.addSizes).containsExactly(3);
        assertThat(buffered.bufferedEntries()).isZero();
    }

    @Test
    void writeThroughWritesAtOnceAndAFailingStoreIsTheCallersError() {
        BufferedInsightsStore writeThrough = new BufferedInsightsStore(store,
                BufferedInsightsStore.Policy.writeThrough(), clock);
        writeThrough.add("shop", "prod", MINUTE_0, List.of(count("a", 5)));
        assertThat(writeThrough.counts("shop", "prod", "a", MINUTE_0, MINUTE_1)).extracting(MinuteCount::count)
                .containsExactly(5L);

        store.failNext = 1;
        assertThatThrownBy(() -> writeThrough.add("shop", "prod", MINUTE_0, List.of(count("a", 7))))
                .hasMessageContaining("throttling");
        assertThat(writeThrough.bufferedEntries()).isZero(); // the SDK keeps and resends them: nothing kept here
        assertThat(store.total(PROD)).isEqualTo(5);
    }

    @Test
    void aFlushThatFailsKeepsItsCountsAndTheNextCallWritesThemOnce() {
        BufferedInsightsStore buffered = buffered(Duration.ofSeconds(60), 5_000, 50_000);
        InsightsIngest ingest = ingest(buffered);
        ingest.ingest(PROD, summary(10)); // minute 0
        clock.advance(Duration.ofSeconds(60));
        store.failNext = 1;
        // Minute 0 is due, its flush fails: the summary is still accepted, and the counts wait with minute 1's.
        assertThat(ingest.ingest(PROD, summary(1))).isInstanceOf(InsightsIngest.Outcome.Accepted.class);
        assertThat(store.adds()).isZero();
        assertThat(buffered.bufferedEntries()).isEqualTo(8);

        clock.advance(Duration.ofSeconds(60));
        ingest.ingest(PROD, summary(100)); // minute 2: minutes 0 (retried) and 1 are written
        assertThat(buffered.bufferedEntries()).isEqualTo(4);
        buffered.flush();
        assertThat(store.counts("shop", "prod", "checkout", MINUTE_0, MINUTE_1.plusSeconds(120)))
                .extracting(MinuteCount::minute, MinuteCount::count).containsExactly(
                        tuple(MINUTE_0, 10L), tuple(MINUTE_0, 20L),
                        tuple(MINUTE_1, 1L), tuple(MINUTE_1, 2L),
                        tuple(MINUTE_1.plusSeconds(60), 100L), tuple(MINUTE_1.plusSeconds(60), 200L));
        assertThat(store.total(PROD)).isEqualTo(7L * 111);
    }

    @Test
    void aPartlyWrittenFlushRetriesOnlyWhatWasNotWritten() {
        AtomicInteger calls = new AtomicInteger();
        InsightsStore partly = new AddingTo() {
            @Override
            public void add(String project, String environment, Instant minute, Collection<EvaluationCount> rows) {
                List<EvaluationCount> sorted = rows.stream()
                        .sorted(Comparator.comparing(EvaluationCount::flag)).toList();
                if (calls.getAndIncrement() == 0) { // writes the first, then fails
                    store.add(project, environment, minute, sorted.subList(0, 1));
                    throw new PartiallyAddedException(sorted.subList(1, sorted.size()),
                            new IllegalStateException("timed out"));
                }
                store.add(project, environment, minute, rows);
            }
        };
        BufferedInsightsStore buffered = new BufferedInsightsStore(partly,
                BufferedInsightsStore.Policy.flushAfter(Duration.ofSeconds(60)), clock);
        buffered.add("shop", "prod", MINUTE_0, List.of(count("a", 1), count("b", 2), count("c", 3)));
        assertThatThrownBy(buffered::flush).isInstanceOf(PartiallyAddedException.class);
        assertThat(buffered.bufferedEntries()).isEqualTo(2);
        buffered.flush();
        assertThat(store.counts("shop", "prod", null, MINUTE_0, MINUTE_1)).extracting(MinuteCount::flag,
                MinuteCount::count).containsExactly(tuple("a", 1L),
                tuple("b", 2L), tuple("c", 3L));
    }

    @Test
    void pastTheCapNewEntriesAreDroppedAndCountedWhileKnownOnesStillAddUp() {
        BufferedInsightsStore buffered = buffered(Duration.ofSeconds(60), 3, 3);
        store.failNext = Integer.MAX_VALUE; // the store is down: every flush fails
        buffered.add("shop", "prod", MINUTE_0, List.of(count("a", 1), count("b", 1), count("c", 1)));
        clock.advance(Duration.ofSeconds(60));
        buffered.add("shop", "prod", MINUTE_0, List.of(count("a", 10), count("d", 4), count("e", 5)));
        buffered.add("shop", "dev", MINUTE_0, List.of(count("a", 6)));

        assertThat(buffered.bufferedEntries()).isEqualTo(3);
        assertThat(buffered.droppedEvaluations()).isEqualTo(15);
        store.failNext = 0;
        buffered.add("shop", "prod", MINUTE_0, List.of(count("b", 100)));
        assertThat(store.counts("shop", "prod", null, MINUTE_0, MINUTE_1)).extracting(MinuteCount::flag,
                MinuteCount::count).containsExactly(tuple("a", 11L),
                tuple("b", 101L), tuple("c", 1L));
        assertThat(store.total(DEV)).isZero();
        assertThat(buffered.droppedEvaluations()).isEqualTo(15);
    }

    @Test
    void theShutdownHookFlushesWhatIsBuffered() {
        BufferedInsightsStore buffered = buffered(Duration.ofSeconds(60), 5_000, 50_000);
        buffered.add("shop", "prod", MINUTE_0, List.of(count("a", 42)));
        Thread hook = buffered.flushOnShutdown();
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("registered with the JVM").isTrue();
        assertThat(store.total(PROD)).isZero();

        hook.run(); // what the JVM runs at shutdown
        assertThat(store.total(PROD)).isEqualTo(42);
        assertThat(buffered.bufferedEntries()).isZero();
    }

    @Test
    void concurrentIngestsWithFlushesAndFailuresInBetweenAreAllCountedOnce() throws Exception {
        // A flush after every few entries, and one store failure in five: adds race flushes and restores.
        AtomicInteger adds = new AtomicInteger();
        InsightsStore flaky = new AddingTo() {
            @Override
            public void add(String project, String environment, Instant minute, Collection<EvaluationCount> rows) {
                if (adds.incrementAndGet() % 5 == 0) {
                    throw new IllegalStateException("throttled");
                }
                store.add(project, environment, minute, rows);
            }
        };
        BufferedInsightsStore buffered = new BufferedInsightsStore(flaky,
                new BufferedInsightsStore.Policy(Duration.ofSeconds(60), 3, 50_000), clock);
        InsightsIngest ingest = ingest(buffered);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            EnvironmentId environment = t % 2 == 0 ? PROD : DEV;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 250; i++) {
                    ingest.ingest(environment, summary(1));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        while (buffered.bufferedEntries() > 0) {
            try {
                buffered.flush();
            } catch (IllegalStateException throttled) {
                // the next round retries
            }
        }
        assertThat(store.total(PROD)).isEqualTo(2L * 250 * 7);
        assertThat(store.total(DEV)).isEqualTo(2L * 250 * 7);
        assertThat(store.adds()).isGreaterThan(1);
        assertThat(buffered.droppedEvaluations()).isZero();
    }

    @Test
    void aPolicyIsReadFromASetting() {
        assertThat(BufferedInsightsStore.Policy.fromSetting(null, Duration.ofSeconds(60)).flushAfter())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(BufferedInsightsStore.Policy.fromSetting(" PT5M ", Duration.ofSeconds(60)).flushAfter())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(BufferedInsightsStore.Policy.fromSetting("PT0S", Duration.ofSeconds(60)).flushAfter()).isZero();
        assertThatThrownBy(() -> BufferedInsightsStore.Policy.fromSetting("60", Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT60S");
        assertThatThrownBy(() -> BufferedInsightsStore.Policy.fromSetting("-PT1S", Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void aPolicyRefusesNonsense() {
        assertThatThrownBy(() -> new BufferedInsightsStore.Policy(Duration.ofSeconds(-1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BufferedInsightsStore.Policy(Duration.ofSeconds(60), 10, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
