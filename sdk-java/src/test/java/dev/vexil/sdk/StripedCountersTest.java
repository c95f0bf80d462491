package dev.vexil.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Per-thread counters: exact with more threads than slots (the shared fallback), and totals that only grow. */
class StripedCountersTest {
    private static final int CELLS = 5;
    private static final int ADDS = 20_000;

    @Test
    void moreThreadsThanSlotsCountExactlyWhileTotalsAreReadAndNeverShrink() throws Exception {
        StripedCounters counters = new StripedCounters(CELLS);
        int threads = StripedCounters.SLOTS + 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int cell = t % CELLS;
            workers.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < ADDS; i++) {
                    counters.increment(cell);
                }
            }));
        }
        start.countDown();
        long[] previous = new long[CELLS];
        while (workers.stream().anyMatch(Thread::isAlive)) {
            long[] now = counters.totals();
            for (int i = 0; i < CELLS; i++) {
                assertThat(now[i]).as("cell %d never shrinks", i).isGreaterThanOrEqualTo(previous[i]);
            }
            previous = now;
        }
        for (Thread w : workers) {
            w.join();
        }
        long[] expected = new long[CELLS];
        for (int t = 0; t < threads; t++) {
            expected[t % CELLS] += ADDS;
        }
        assertThat(counters.totals()).containsExactly(expected);
    }

    @Test
    void oneThreadCountsIntoItsOwnSlotAndAnotherSeesIt() throws Exception {
        StripedCounters counters = new StripedCounters(CELLS);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1000; i++) {
                counters.increment(3);
            }
        });
        writer.join();
        assertThat(counters.totals()).containsExactly(0, 0, 0, 1000, 0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
