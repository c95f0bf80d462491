package dev.vexil.core.store.support;

import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import java.util.List;

/**
 * Cuts one page out of a resource's history, newest first. The cursor names the last version returned, so the
 * next page starts just below it; it carries nothing but that number.
 */
public final class HistoryPages {
    /** Reads up to {@code limit} entries newest first, below {@code beforeVersion} (null: from the newest). */
    @FunctionalInterface
    public interface Reader {
        List<StoredVersion> newestFirst(Long beforeVersion, int limit);
    }

    private HistoryPages() {
    }

    public static <T> Page<HistoryEntry<T>> page(Reader reader, Class<T> type, String cursor, int limit) {
        Cursors.checkLimit(limit);
        Long before = before(cursor);
        List<StoredVersion> read = reader.newestFirst(before, limit + 1);
        boolean more = read.size() > limit;
        List<StoredVersion> page = more ? read.subList(0, limit) : read;
        String next = more ? Cursors.after(Long.toString(page.getLast().version())) : null;
        return new Page<>(page.stream().map(v -> v.toHistoryEntry(type)).toList(), next);
    }

    private static Long before(String cursor) {
        String last = Cursors.lastKey(cursor);
        if (last == null) {
            return null;
        }
        try {
            long version = Long.parseLong(last);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("invalid cursor: " + cursor);
    }
}
