package dev.vexil.functions.store.dynamo;

/**
 * All version items of one resource type in one partition: sort keys from {@code prefix} up to
 * {@code prefix + "~"}, in (key, version) order.
 */
public record TypeRange(String pk, String prefix) {
    /** The sort key from which to read: the type's start, or just past every version of {@code afterKey}. */
    String from(String afterKey) {
        return afterKey == null ? prefix : prefix + afterKey + "#" + ItemKeys.AFTER_ALL_KEYS;
    }

    String to() {
        return prefix + ItemKeys.AFTER_ALL_KEYS;
    }
}
