package dev.vexil.core.store.support;

import java.nio.charset.StandardCharsets;

/**
 * The adapters' own guard on DynamoDB's 400 KB item limit. The admin API's validator already caps a flag
 * configuration or segment at 131,072 bytes of canonical JSON (docs/architecture.md, "Limits"); this ceiling is
 * far above that, so it never refuses valid input, and low enough that content plus a capped diff
 * ({@link DiffCap#MAX_DIFF_BYTES}) plus the other attributes always fit in one item.
 */
public final class ItemLimits {
    public static final int MAX_CONTENT_BYTES = 300_000;

    private ItemLimits() {
    }

    /** Throws IllegalArgumentException, before anything is written, for content that would not fit. */
    public static String checkContent(String what, String contentJson) {
        if (contentJson != null) {
            int bytes = contentJson.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_CONTENT_BYTES) {
                throw new IllegalArgumentException(what + " is " + bytes + " bytes of JSON, over the store's limit of "
                        + MAX_CONTENT_BYTES + " (the API allows 131072); move long lists of keys into segments");
            }
        }
        return contentJson;
    }
}
