package dev.vexil.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.eval.ReasonKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InsightsStore} adapter must do. Each adapter's test class extends this and supplies a fresh,
 * empty store.
 */
public abstract class InsightsStoreContract {
    protected static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    protected abstract InsightsStore newStore();

    private static EvaluationCount count(String flag, int variation, ReasonKind reason, long n) {
        return new EvaluationCount(flag, variation, reason, n);
    }

    private static Instant minute(int m) {
        return T0.plusSeconds(60L * m);
    }

    @Test
    void addsUpCountsPerMinuteFlagVariationAndReason() {
        InsightsStore store = newStore();
        store.add("p", "prod", minute(0), List.of(count("checkout", 0, ReasonKind.FALLTHROUGH, 5),
                count("checkout", 1, ReasonKind.RULE_MATCH, 2)));
        store.add("p", "prod", minute(0), List.of(count("checkout", 0, ReasonKind.FALLTHROUGH, 7)));
        store.add("p", "prod", minute(1), List.of(count("checkout", 0, ReasonKind.FALLTHROUGH, 1),
                count("banner", -1, ReasonKind.ERROR, 3)));

        assertThat(store.counts("p", "prod", "checkout", minute(0), minute(2))).containsExactly(
                new MinuteCount(minute(0), "checkout", 0, ReasonKind.FALLTHROUGH, 12),
                new MinuteCount(minute(0), "checkout", 1, ReasonKind.RULE_MATCH, 2),
                new MinuteCount(minute(1), "checkout", 0, ReasonKind.FALLTHROUGH, 1));
        assertThat(store.counts("p", "prod", null, minute(0), minute(2))).containsExactly(
                new MinuteCount(minute(0), "checkout", 0, ReasonKind.FALLTHROUGH, 12),
                new MinuteCount(minute(0), "checkout", 1, ReasonKind.RULE_MATCH, 2),
                new MinuteCount(minute(1), "banner", -1, ReasonKind.ERROR, 3),
                new MinuteCount(minute(1), "checkout", 0, ReasonKind.FALLTHROUGH, 1));
    }

    @Test
    void theRangeIncludesFromAndExcludesTo() {
        InsightsStore store = newStore();
        for (int m = 0; m < 5; m++) {
            store.add("p", "prod", minute(m), List.of(count("f", 0, ReasonKind.OFF, m + 1)));
        }
        assertThat(store.counts("p", "prod", "f", minute(1), minute(3))).extracting(MinuteCount::count)
                .containsExactly(2L, 3L);
        assertThat(store.counts("p", "prod", "f", minute(5), minute(9))).isEmpty();
    }

    @Test
    void environmentsAndProjectsAreApart() {
        InsightsStore store = newStore();
        store.add("p", "prod", minute(0), List.of(count("f", 0, ReasonKind.OFF, 1)));
        store.add("p", "dev", minute(0), List.of(count("f", 0, ReasonKind.OFF, 10)));
        store.add("q", "prod", minute(0), List.of(count("f", 0, ReasonKind.OFF, 100)));
        assertThat(store.counts("p", "prod", null, minute(0), minute(1))).extracting(MinuteCount::count)
                .containsExactly(1L);
        assertThat(store.counts("p", "dev", "f", minute(0), minute(1))).extracting(MinuteCount::count)
                .containsExactly(10L);
        assertThat(store.lastEvaluated("q", "dev")).isEmpty();
    }

    @Test
    void lastEvaluatedIsTheLatestMinuteWithACount() {
        InsightsStore store = newStore();
        store.add("p", "prod", minute(3), List.of(count("a", 0, ReasonKind.OFF, 1)));
        store.add("p", "prod", minute(1), List.of(count("a", 1, ReasonKind.OFF, 1), count("b", 0, ReasonKind.OFF, 1)));
        store.add("p", "prod", minute(7), List.of(count("c", 0, ReasonKind.OFF, 0)));
        assertThat(store.lastEvaluated("p", "prod")).isEqualTo(Map.of("a", minute(3), "b", minute(1)));
    }

    @Test
    void aMinuteMustBeWholeAndAFailedAddStoresNothing() {
        InsightsStore store = newStore();
        assertThatThrownBy(() -> store.add("p", "prod", T0.plusSeconds(30), List.of(count("f", 0, ReasonKind.OFF, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.counts("p", "prod", null, T0.minusSeconds(3600), T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void concurrentAddsAreAllCounted() throws Exception {
        InsightsStore store = newStore();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    store.add("p", "prod", minute(0), List.of(count("f", 0, ReasonKind.FALLTHROUGH, 3)));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(store.counts("p", "prod", "f", minute(0), minute(1))).extracting(MinuteCount::count)
                .containsExactly(600L);
    }
}
