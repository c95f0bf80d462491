package dev.vexil.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One page of a listing; {@code nextCursor} is null on the last page. Cursors are opaque strings. */
public record Page<T>(List<T> items, String nextCursor) {

    /** Every item of every page, reading pages from the first until one has no next cursor. */
    public static <T> List<T> drain(Function<String, Page<T>> pages) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = pages.apply(cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
