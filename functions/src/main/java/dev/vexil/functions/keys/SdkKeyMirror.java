package dev.vexil.functions.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mirrors SDK-key changes into the KeyValueStore: active key hash → {@code <project>/<env>}, revoked or deleted key
 * → no entry. A batch is reduced to the last state of each hash (stream order), then written in UpdateKeys calls of
 * at most {@link #MAX_KEYS_PER_UPDATE} keys; a stale ETag (another writer) is re-read and the call retried.
 * Writing a state twice is harmless, so replays and retries are safe.
 */
public final class SdkKeyMirror {
    /** Keys per UpdateKeys call: well inside the API's per-request limits. */
    static final int MAX_KEYS_PER_UPDATE = 50;
    static final int MAX_ATTEMPTS = 5;

    private final KeyValueStoreClient store;

    public SdkKeyMirror(KeyValueStoreClient store) {
        this.store = store;
    }

    /** Applies {@code changes}; throws if any part could not be written (the caller reports the batch as failed). */
    public void apply(List<SdkKeyChange> changes) {
        Map<String, Optional<String>> finalState = new LinkedHashMap<>();
        for (SdkKeyChange change : changes) {
            finalState.remove(change.hash());
            finalState.put(change.hash(), change.environment());
        }
        List<Map.Entry<String, Optional<String>>> entries = new ArrayList<>(finalState.entrySet());
        for (int from = 0; from < entries.size(); from += MAX_KEYS_PER_UPDATE) {
            write(entries.subList(from, Math.min(entries.size(), from + MAX_KEYS_PER_UPDATE)));
        }
    }

    private void write(List<Map.Entry<String, Optional<String>>> chunk) {
        Map<String, String> puts = new LinkedHashMap<>();
        Set<String> deletes = new LinkedHashSet<>();
        chunk.forEach(e -> e.getValue().ifPresentOrElse(env -> puts.put(e.getKey(), env),
                () -> deletes.add(e.getKey())));
        // Deleting an absent key (a revoke replayed, or of a key never mirrored) must not fail the whole batch.
        deletes.removeIf(hash -> !store.contains(hash));
        if (puts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        KeyValueStoreClient.StaleEtagException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                store.updateKeys(store.currentEtag(), puts, deletes);
                return;
            } catch (KeyValueStoreClient.StaleEtagException e) {
                last = e;
            }
        }
        throw new KeyValueStoreClient.KeyValueStoreException(
                "KeyValueStore kept changing under " + MAX_ATTEMPTS + " attempts", last);
    }
}
