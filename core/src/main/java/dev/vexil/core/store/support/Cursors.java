package dev.vexil.core.store.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: the key of the last item of the previous page, base64url-encoded. */
public final class Cursors {
    private Cursors() {
    }

    public static String after(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key to continue after; null for the first page. Throws IllegalArgumentException for a foreign cursor. */
    public static String lastKey(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("k:")) {
                return decoded.substring(2);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("invalid cursor: " + cursor);
    }

    public static int checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return limit;
    }
}
