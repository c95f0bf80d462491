package dev.vexil.core.store.support;

import dev.vexil.core.store.Page;
import dev.vexil.core.store.Versioned;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** Cuts one page out of the newest versions of a listing, read lazily in key order. */
public final class Pages {
    private Pages() {
    }

    /**
     * Takes up to {@code limit} live items that match {@code filter}; the cursor is set only when another
     * matching item exists, so the last page has a null cursor.
     */
    public static <T> Page<Versioned<T>> page(Iterator<StoredVersion> newestInKeyOrder, Class<T> type,
                                              Predicate<T> filter, int limit) {
        Cursors.checkLimit(limit);
        List<Versioned<T>> items = new ArrayList<>();
        String lastKey = null;
        while (newestInKeyOrder.hasNext()) {
            StoredVersion version = newestInKeyOrder.next();
            if (!version.live()) {
                continue;
            }
            Versioned<T> item = version.toVersioned(type);
            if (!filter.test(item.value())) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(List.copyOf(items), Cursors.after(lastKey));
            }
            items.add(item);
            lastKey = version.key();
        }
        return new Page<>(List.copyOf(items), null);
    }
}
