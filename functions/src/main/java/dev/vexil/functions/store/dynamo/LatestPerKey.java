package dev.vexil.functions.store.dynamo;

import dev.vexil.core.store.support.StoredVersion;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reduces version items sorted by (key, version) ascending, as a DynamoDB Query returns them, to the newest
 * version of each key, lazily, so that a listing reads only as far as its page needs.
 */
public final class LatestPerKey implements Iterator<StoredVersion> {
    private final Iterator<StoredVersion> ascending;
    private StoredVersion pending;

    public LatestPerKey(Iterator<StoredVersion> ascending) {
        this.ascending = ascending;
        this.pending = ascending.hasNext() ? ascending.next() : null;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public StoredVersion next() {
        if (pending == null) {
            throw new NoSuchElementException();
        }
        StoredVersion newest = pending;
        pending = null;
        while (ascending.hasNext()) {
            StoredVersion candidate = ascending.next();
            if (!candidate.key().equals(newest.key())) {
                pending = candidate;
                break;
            }
            newest = candidate;
        }
        return newest;
    }
}
