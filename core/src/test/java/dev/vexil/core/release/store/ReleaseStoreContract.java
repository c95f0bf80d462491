package dev.vexil.core.release.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReleaseStore} adapter must do. Subclasses return a fresh, empty store per test.
 */
public abstract class ReleaseStoreContract {
    protected static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    protected ReleaseStore store;

    protected abstract ReleaseStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    protected static ReleaseKey key(String flag, String kind, String id) {
        return new ReleaseKey("shop", "production", flag, kind, id);
    }

    protected static JsonNode body(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void createStoresRevisionOneAndReadsBack() {
        ReleaseRecord created = store.create(ReleaseRecord.create(key("f", "schedule", "a"), T0,
                body("{\"status\":\"pending\",\"n\":1}")));
        assertThat(created.revision()).isEqualTo(1);
        ReleaseRecord read = store.get(key("f", "schedule", "a")).orElseThrow();
        assertThat(read.revision()).isEqualTo(1);
        assertThat(read.dueAt()).isEqualTo(T0);
        assertThat(read.claimId()).isNull();
        assertThat(read.body()).isEqualTo(body("{\"status\":\"pending\",\"n\":1}"));
        assertThat(store.get(key("f", "schedule", "missing"))).isEmpty();
    }

    @Test
    void aSecondCreateOfTheSameKeyFailsAndChangesNothing() {
        store.create(ReleaseRecord.create(key("f", "schedule", "a"), T0, body("{\"v\":1}")));
        assertThatThrownBy(() -> store.create(ReleaseRecord.create(key("f", "schedule", "a"), null,
                body("{\"v\":2}")))).isInstanceOf(StoreException.AlreadyExists.class);
        assertThat(store.get(key("f", "schedule", "a")).orElseThrow().body()).isEqualTo(body("{\"v\":1}"));
    }

    @Test
    void replaceIsConditionalOnTheRevision() {
        ReleaseRecord created = store.create(ReleaseRecord.create(key("f", "schedule", "a"), T0, body("{\"v\":1}")));
        ReleaseRecord claimed = store.replace(created.claimed("c1", T0.plusSeconds(60)), 1);
        assertThat(claimed.revision()).isEqualTo(2);
        assertThat(store.get(created.key()).orElseThrow().claimId()).isEqualTo("c1");
        assertThat(store.get(created.key()).orElseThrow().leaseUntil()).isEqualTo(T0.plusSeconds(60));

        assertThatThrownBy(() -> store.replace(created.claimed("c2", T0.plusSeconds(60)), 1))
                .isInstanceOf(StoreException.VersionConflict.class)
                .satisfies(e -> assertThat(((StoreException.VersionConflict) e).currentVersion()).isEqualTo(2));
        assertThat(store.get(created.key()).orElseThrow().claimId()).as("the losing write changed nothing")
                .isEqualTo("c1");

        ReleaseRecord done = store.replace(claimed.next(null, body("{\"v\":2}")), 2);
        assertThat(done.revision()).isEqualTo(3);
        ReleaseRecord read = store.get(created.key()).orElseThrow();
        assertThat(read.claimId()).isNull();
        assertThat(read.leaseUntil()).isNull();
        assertThat(read.dueAt()).isNull();
        assertThat(read.body()).isEqualTo(body("{\"v\":2}"));
    }

    @Test
    void replaceOfAMissingItemIsAConflict() {
        assertThatThrownBy(() -> store.replace(ReleaseRecord.create(key("f", "schedule", "x"), T0, body("{}")), 1))
                .isInstanceOf(StoreException.VersionConflict.class);
        assertThat(store.get(key("f", "schedule", "x"))).isEmpty();
    }

    @Test
    void dueReturnsOnlyItemsInTheWindowEarliestFirst() {
        store.create(ReleaseRecord.create(key("f", "schedule", "late"), T0.plusSeconds(30), body("{}")));
        store.create(ReleaseRecord.create(key("f", "schedule", "early"), T0.minusSeconds(30), body("{}")));
        store.create(ReleaseRecord.create(key("g", "rollout", "r"), T0, body("{}")));
        store.create(ReleaseRecord.create(key("g", "schedule", "never"), null, body("{}")));
        store.create(ReleaseRecord.create(key("g", "schedule", "old"), T0.minus(Duration.ofDays(3)), body("{}")));
        store.create(ReleaseRecord.create(key("g", "schedule", "next-hour"), T0.plus(Duration.ofHours(1)),
                body("{}")));

        List<String> due = store.due(T0.minus(Duration.ofHours(2)), T0, 100).stream()
                .map(r -> r.key().id()).toList();
        assertThat(due).containsExactly("early", "r");
        assertThat(store.due(T0.minus(Duration.ofDays(4)), T0.plus(Duration.ofHours(2)), 100))
                .extracting(r -> r.key().id()).containsExactly("old", "early", "r", "late", "next-hour");
        assertThat(store.due(T0.minus(Duration.ofDays(4)), T0.plus(Duration.ofHours(2)), 2))
                .extracting(r -> r.key().id()).containsExactly("old", "early");
    }

    @Test
    void anItemLeavesTheDueWindowWhenItsDueTimeIsCleared() {
        ReleaseRecord created = store.create(ReleaseRecord.create(key("f", "schedule", "a"), T0, body("{}")));
        store.replace(created.next(null, body("{\"status\":\"applied\"}")), 1);
        assertThat(store.due(T0.minus(Duration.ofHours(1)), T0.plusSeconds(1), 10)).isEmpty();
        ReleaseRecord again = store.get(created.key()).orElseThrow();
        store.replace(again.next(T0.plus(Duration.ofHours(5)), again.body()), again.revision());
        assertThat(store.due(T0.plus(Duration.ofHours(4)), T0.plus(Duration.ofHours(6)), 10))
                .extracting(r -> r.key().id()).containsExactly("a");
    }

    @Test
    void listReturnsAFlagsItemsOfOneKind() {
        store.create(ReleaseRecord.create(key("f", "schedule", "b"), null, body("{}")));
        store.create(ReleaseRecord.create(key("f", "schedule", "a"), null, body("{}")));
        store.create(ReleaseRecord.create(key("f", "rollout", "c"), null, body("{}")));
        store.create(ReleaseRecord.create(key("g", "schedule", "d"), null, body("{}")));
        assertThat(store.list("shop", "production", "f", "schedule")).extracting(r -> r.key().id())
                .containsExactly("a", "b");
        assertThat(store.list("shop", "production", "f", "rollout")).extracting(r -> r.key().id())
                .containsExactly("c");
        assertThat(store.list("shop", "staging", "f", "schedule")).isEmpty();
    }

    @Test
    void guardWatchersAreThoseWhoseWatchHasNotEnded() {
        store.watch("HighErrors", key("f", "rollout", "a"), T0.plusSeconds(60));
        store.watch("HighErrors", key("g", "schedule", "b"), T0.minusSeconds(1));
        store.watch("Latency", key("h", "rollout", "c"), T0.plusSeconds(60));
        assertThat(store.watchers("HighErrors", T0)).containsExactly(key("f", "rollout", "a"));
        store.watch("HighErrors", key("g", "schedule", "b"), T0.plusSeconds(600));
        assertThat(store.watchers("HighErrors", T0)).containsExactlyInAnyOrder(key("f", "rollout", "a"),
                key("g", "schedule", "b"));
        assertThat(store.watchers("Unknown", T0)).isEmpty();
    }
}
