package dev.vexil.functions.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vexil.core.insights.BufferedInsightsStore;
import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.InsightsStoreContract;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.core.insights.PartiallyAddedException;
import dev.vexil.eval.ReasonKind;
import dev.vexil.testsupport.DynaliteTables;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The insights contract against dynalite (one server per JVM, a fresh table per test), and the writes the item layout
 * costs, counted (and failed on purpose) by an interceptor on the client.
 */
class DynamoDbInsightsStoreTest extends InsightsStoreContract {
    private static final UpdateItems UPDATES = new UpdateItems();
    @RegisterExtension
    final DynaliteTables tables = new DynaliteTables("vexil-insights-test", InsightsTable::create)
            .interceptedBy(UPDATES);
    private DynamoDbClient client;
    private String tableName;

    /** Counts UpdateItem requests, and fails the first that adds to a count item of one flag when told to. */
    private static final class UpdateItems implements ExecutionInterceptor {
        final AtomicInteger count = new AtomicInteger();
        volatile String failCountsOf;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest update) {
                count.incrementAndGet();
                String failing = failCountsOf;
                if (failing != null && update.conditionExpression() == null // a count item, not "last#"
                        && update.key().get(InsightsTable.SK).s().endsWith("#" + failing)) {
                    failCountsOf = null;
                    throw new IllegalStateException("the network dropped the UpdateItem of " + failing);
                }
            }
        }

        void reset() {
            count.set(0);
            failCountsOf = null;
        }
    }

    @BeforeEach
    void resetCounts() {
        UPDATES.reset();
    }

    @Override
    protected InsightsStore newStore() {
        client = tables.client(); // newStore runs from the contract's @BeforeEach, before this class's
        tableName = tables.create();
        return new DynamoDbInsightsStore(client, tableName, Duration.ofDays(90));
    }

    @Test
    void countsCarryTheirExpiryForTheTableTtl() {
        InsightsStore store = newStore();
        store.add("p", "prod", T0, List.of(new EvaluationCount("f", 0, ReasonKind.OFF, 4)));
        List<Map<String, AttributeValue>> items = client.scan(b -> b.tableName(tableName)).items();
        assertThat(items).filteredOn(i -> i.containsKey("c#0#OFF")).singleElement().satisfies(item ->
                assertThat(Long.parseLong(item.get(InsightsTable.EXPIRES_AT).n()))
                        .isEqualTo(T0.plus(Duration.ofDays(90)).getEpochSecond()));
    }

    @Test
    void oneUpdatePerFlagAndMinuteAndTheLastEvaluatedMinuteOnlyWhenItAdvances() {
        InsightsStore store = newStore();
        List<EvaluationCount> mix = new ArrayList<>();
        for (String flag : List.of("a", "b", "c")) {
            for (int variation = 0; variation < 2; variation++) {
                mix.add(new EvaluationCount(flag, variation, ReasonKind.FALLTHROUGH, 3));
                mix.add(new EvaluationCount(flag, variation, ReasonKind.RULE_MATCH, 4));
            }
        }
        store.add("p", "prod", T0, mix);
        assertThat(UPDATES.count).hasValue(3 + 3); // one item per flag, and each flag's first "last evaluated"
        store.add("p", "prod", T0, mix);
        assertThat(UPDATES.count).hasValue(6 + 3); // the same minute: counts only
        store.add("p", "prod", T0.plusSeconds(60), mix);
        assertThat(UPDATES.count).hasValue(9 + 6);

        assertThat(client.scan(b -> b.tableName(tableName)).items()).hasSize(3 + 3 + 3);
        assertThat(store.counts("p", "prod", "b", T0, T0.plusSeconds(120))).containsExactly(
                new MinuteCount(T0, "b", 0, ReasonKind.FALLTHROUGH, 6),
                new MinuteCount(T0, "b", 0, ReasonKind.RULE_MATCH, 8),
                new MinuteCount(T0, "b", 1, ReasonKind.FALLTHROUGH, 6),
                new MinuteCount(T0, "b", 1, ReasonKind.RULE_MATCH, 8),
                new MinuteCount(T0.plusSeconds(60), "b", 0, ReasonKind.FALLTHROUGH, 3),
                new MinuteCount(T0.plusSeconds(60), "b", 0, ReasonKind.RULE_MATCH, 4),
                new MinuteCount(T0.plusSeconds(60), "b", 1, ReasonKind.FALLTHROUGH, 3),
                new MinuteCount(T0.plusSeconds(60), "b", 1, ReasonKind.RULE_MATCH, 4));
        assertThat(store.lastEvaluated("p", "prod")).isEqualTo(Map.of("a", T0.plusSeconds(60),
                "b", T0.plusSeconds(60), "c", T0.plusSeconds(60)));
    }

    @Test
    void everyVariationAndReasonOfAFlagFitsInChunkedUpdatesOfOneItem() {
        InsightsStore store = newStore();
        List<EvaluationCount> all = new ArrayList<>();
        for (int variation = -1; variation <= 99; variation++) {
            for (ReasonKind reason : ReasonKind.values()) {
                all.add(new EvaluationCount("wide", variation, reason, variation + 2));
            }
        }
        store.add("p", "prod", T0, all);
        int chunks = Math.ceilDiv(all.size(), DynamoDbInsightsStore.ADDS_PER_UPDATE);
        assertThat(UPDATES.count).hasValue(chunks + 1);
        assertThat(client.scan(b -> b.tableName(tableName)).items()).hasSize(2);
        List<MinuteCount> read = store.counts("p", "prod", "wide", T0, T0.plusSeconds(60));
        assertThat(read).hasSize(all.size());
        assertThat(read.stream().mapToLong(MinuteCount::count).sum())
                .isEqualTo(all.stream().mapToLong(EvaluationCount::count).sum());
        assertThat(read.getFirst()).isEqualTo(new MinuteCount(T0, "wide", -1, ReasonKind.ERROR, 1));
    }

    @Test
    void aWriteFailingPartWayNamesWhatWasNotAddedAndTheBufferRetriesOnlyThat() {
        InsightsStore store = newStore();
        BufferedInsightsStore buffered = new BufferedInsightsStore(store,
                BufferedInsightsStore.Policy.flushAfter(Duration.ofSeconds(60)), Clock.fixed(T0, ZoneOffset.UTC));
        List<EvaluationCount> mix = new ArrayList<>(); // more flags than writers
        for (int f = 0; f < 10; f++) {
            mix.add(new EvaluationCount("f" + f, 0, ReasonKind.OFF, f + 1));
            mix.add(new EvaluationCount("f" + f, 1, ReasonKind.RULE_MATCH, 100));
        }
        buffered.add("p", "prod", T0, mix); // buffered: written by the next flush
        assertThat(UPDATES.count).hasValue(0);

        // f3's last evaluated minute is written, then its counts fail; its writer stops there, before f7 (flags
        // are dealt round-robin to the writers), and the other writers finish.
        UPDATES.failCountsOf = "f3";
        assertThatThrownBy(buffered::flush).isInstanceOfSatisfying(PartiallyAddedException.class, e ->
                assertThat(e.notAdded()).extracting(EvaluationCount::flag).containsExactly("f3", "f3", "f7", "f7"));
        assertThat(buffered.bufferedEntries()).isEqualTo(4);
        assertThat(store.counts("p", "prod", null, T0, T0.plusSeconds(60))).hasSize(16);
        buffered.flush();

        List<MinuteCount> stored = store.counts("p", "prod", null, T0, T0.plusSeconds(60));
        assertThat(stored).extracting(MinuteCount::flag, MinuteCount::variation, MinuteCount::count)
                .containsExactlyInAnyOrderElementsOf(mix.stream().map(c -> tuple(c.flag(), c.variation(), c.count()))
                        .toList());
        assertThat(store.lastEvaluated("p", "prod")).hasSize(10).allSatisfy((flag, minute) ->
                assertThat(minute).isEqualTo(T0));
    }
}
