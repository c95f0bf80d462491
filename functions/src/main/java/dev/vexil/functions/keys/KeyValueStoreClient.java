package dev.vexil.functions.keys;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two CloudFront KeyValueStore data-plane calls the key sync needs. Every write names the store's current
 * ETag, so concurrent writers cannot silently overwrite each other.
 */
public interface KeyValueStoreClient {

    /** DescribeKeyValueStore: the store's current ETag. */
    String currentEtag();

    /** GetKey: whether {@code key} is in the store. */
    boolean contains(String key);

    /** GetKey: the value of {@code key}, or empty when it is not in the store. */
    Optional<String> get(String key);

    /**
     * UpdateKeys: puts and deletes in one all-or-nothing call, if the store is still at {@code ifMatch}.
     *
     * @return the store's new ETag
     * @throws StaleEtagException when the store changed since {@code ifMatch} (nothing was written)
     */
    String updateKeys(String ifMatch, Map<String, String> puts, Set<String> deletes);

    /** The store moved on since the ETag the caller sent. */
    final class StaleEtagException extends RuntimeException {
        public StaleEtagException(String message) {
            super(message);
        }
    }

    /** Any other failure of the KeyValueStore API (denied, throttled, unavailable, invalid). */
    final class KeyValueStoreException extends RuntimeException {
        public KeyValueStoreException(String message) {
            super(message);
        }

        public KeyValueStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
