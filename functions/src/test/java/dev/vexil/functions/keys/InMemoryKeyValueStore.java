package dev.vexil.functions.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A KeyValueStore double with the real API's concurrency rule: a write names the current ETag or is refused
 * (nothing written). It can play another writer (bumping the ETag before the next write) or an outage.
 */
final class InMemoryKeyValueStore implements KeyValueStoreClient {
    final Map<String, String> entries = new LinkedHashMap<>();
    final List<Integer> updateSizes = new ArrayList<>();
    private int version = 1;
    private int concurrentWritesBeforeNextUpdate;
    private boolean down;

    @Override
    public String currentEtag() {
        failIfDown();
        return etag();
    }

    @Override
    public boolean contains(String key) {
        failIfDown();
        return entries.containsKey(key);
    }

    @Override
    public java.util.Optional<String> get(String key) {
        failIfDown();
        return java.util.Optional.ofNullable(entries.get(key));
    }

    @Override
    public String updateKeys(String ifMatch, Map<String, String> puts, Set<String> deletes) {
        failIfDown();
        if (concurrentWritesBeforeNextUpdate > 0) {
            concurrentWritesBeforeNextUpdate--;
            version++; // someone else wrote in between our describe and our update
        }
        if (!etag().equals(ifMatch)) {
            throw new StaleEtagException("store is at " + etag() + ", not " + ifMatch);
        }
        for (String key : deletes) {
            if (!entries.containsKey(key)) {
                throw new KeyValueStoreException("ResourceNotFound: " + key);
            }
        }
        entries.putAll(puts);
        deletes.forEach(entries::remove);
        updateSizes.add(puts.size() + deletes.size());
        version++;
        return etag();
    }

    void otherWritersBeforeNextUpdates(int count) {
        this.concurrentWritesBeforeNextUpdate = count;
    }

    void goDown() {
        this.down = true;
    }

    void comeBack() {
        this.down = false;
    }

    private void failIfDown() {
        if (down) {
            throw new KeyValueStoreException("ServiceUnavailable");
        }
    }

    private String etag() {
        return "ETAG" + version;
    }
}
