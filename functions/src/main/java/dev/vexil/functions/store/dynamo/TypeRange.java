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

    /** The head items of the same resources: sort keys {@code HEAD#<prefix><key>#}. */
    public TypeRange heads() {
        return new TypeRange(pk, ItemKeys.HEAD_PREFIX + prefix);
    }

    String to() {
        return prefix + ItemKeys.AFTER_ALL_KEYS;
    }
}
