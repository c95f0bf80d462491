package dev.vexil.functions.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkKeySyncHandlerTest {
    private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    private final SdkKeySyncHandler handler = new SdkKeySyncHandler(store);

    private static final String KEY_1 = hash("sdk-" + "A".repeat(43));
    private static final String KEY_2 = hash("sdk-" + "B".repeat(43));

    @Test
    void createdKeyMapsItsHashToTheEnvironment() {
        StreamsEventResponse response = handle(StreamEvents.batch().created("shop", "prod", "k1", KEY_1));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.entries).containsExactly(Map.entry(KEY_1, "shop/prod"));
    }

    @Test
    void revokedKeyIsRemovedSoTheEdgeAnswers403() {
        handle(StreamEvents.batch().created("shop", "prod", "k1", KEY_1).created("shop", "dev", "k2", KEY_2));
        StreamsEventResponse response = handle(StreamEvents.batch().revoked("shop", "prod", "k1", KEY_1));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.entries).containsExactly(Map.entry(KEY_2, "shop/dev"));
    }

    @Test
    void deletedKeyItemIsRemovedToo() {
        handle(StreamEvents.batch().created("shop", "prod", "k1", KEY_1));
        handle(StreamEvents.batch().deleted("shop", "prod", "k1", KEY_1));

        assertThat(store.entries).isEmpty();
    }

    @Test
    void createdThenRevokedInOneBatchEndsAbsentWithoutAnyWrite() {
        handle(StreamEvents.batch().created("shop", "prod", "k1", KEY_1).revoked("shop", "prod", "k1", KEY_1));

        assertThat(store.entries).isEmpty();
        assertThat(store.updateSizes).as("deleting a key the store never had is not attempted").isEmpty();
    }

    @Test
    void replayedBatchLeavesTheSameState() {
        StreamEvents batch = StreamEvents.batch().created("shop", "prod", "k1", KEY_1)
                .created("blog", "staging", "k2", KEY_2).revoked("shop", "prod", "k1", KEY_1);
        handle(batch);
        Map<String, String> afterFirst = Map.copyOf(store.entries);

        StreamsEventResponse replay = handle(batch);

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(store.entries).isEqualTo(afterFirst).containsExactly(Map.entry(KEY_2, "blog/staging"));
    }

    @Test
    void otherItemsAreIgnoredWithoutTouchingTheStore() {
        store.goDown(); // any call would fail
        StreamsEventResponse response = handle(StreamEvents.batch().flagChanged("shop", "prod", "checkout"));

        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void storeOutageReportsEverySdkKeyRecordForRetryAndChangesNothing() {
        StreamEvents batch = StreamEvents.batch().flagChanged("shop", "prod", "checkout")
                .created("shop", "prod", "k1", KEY_1).created("shop", "dev", "k2", KEY_2);
        store.goDown();

        StreamsEventResponse response = handle(batch);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(batch.sequenceNumberOf(1), batch.sequenceNumberOf(2));
        assertThat(store.entries).isEmpty();
    }

    @Test
    void concurrentWriterIsRetriedWithTheFreshEtag() {
        store.otherWritersBeforeNextUpdates(2);

        StreamsEventResponse response = handle(StreamEvents.batch().created("shop", "prod", "k1", KEY_1));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.entries).containsEntry(KEY_1, "shop/prod");
    }

    @Test
    void storeThatNeverSettlesFailsTheBatchAfterBoundedAttempts() {
        store.otherWritersBeforeNextUpdates(SdkKeyMirror.MAX_ATTEMPTS);

        StreamsEventResponse response = handle(StreamEvents.batch().created("shop", "prod", "k1", KEY_1));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(store.entries).isEmpty();
    }

    @Test
    void largeBatchesAreWrittenInUpdatesOfAtMostFiftyKeys() {
        StreamEvents batch = StreamEvents.batch();
        for (int i = 0; i < 120; i++) {
            batch.created("shop", "prod", "k" + i, hash("sdk-" + String.format("%043d", i)));
        }

        handle(batch);

        assertThat(store.entries).hasSize(120);
        assertThat(store.updateSizes).containsExactly(50, 50, 20);
    }

    @Test
    void unreadableSdkKeyRecordIsSkippedAndTheRestApplied() {
        StreamEvents batch = StreamEvents.batch()
                .rawInsert("{\"rtype\":{\"S\":\"SDK_KEY\"},\"project\":{\"S\":\"shop\"},\"environment\":{\"S\":\"prod\"},"
                        + "\"hash\":{\"S\":\"NOT-HEX\"}}")
                .rawInsert("{\"rtype\":{\"S\":\"SDK_KEY\"},\"project\":{\"S\":\"Shop Inc\"},\"environment\":{\"S\":\"prod\"},"
                        + "\"hash\":{\"S\":\"" + KEY_2 + "\"}}")
                .created("shop", "prod", "k1", KEY_1);

        StreamsEventResponse response = handle(batch);

        assertThat(response.getBatchItemFailures()).as("retrying an unreadable record cannot help").isEmpty();
        assertThat(store.entries).containsExactly(Map.entry(KEY_1, "shop/prod"));
    }

    @Test
    void hashIsReadFromTheIndexKeyWhenTheItemHasNoHashAttribute() {
        String image = StreamEvents.sdkKeyImage("shop", "prod", "k1", KEY_1, null)
                .replace(",\"hash\":{\"S\":\"" + KEY_1 + "\"}", "");
        assertThat(image).doesNotContain("\"hash\"");

        handle(StreamEvents.batch().rawInsert(image));

        assertThat(store.entries).containsExactly(Map.entry(KEY_1, "shop/prod"));
    }

    private StreamsEventResponse handle(StreamEvents batch) {
        return handler.handleRequest(batch.event(), null);
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
