package dev.vexil.core.store;

/** Base of the repository's expected failures; each maps to one HTTP status in the admin API. */
public abstract class StoreException extends RuntimeException {
    protected StoreException(String message) {
        super(message);
    }

    /** A create over an existing key (HTTP 409). */
    public static final class AlreadyExists extends StoreException {
        public AlreadyExists(String message) {
            super(message);
        }
    }

    /** The expected version is not the current one: someone else changed it first (HTTP 412). */
    public static final class VersionConflict extends StoreException {
        private final long currentVersion;

        public VersionConflict(String message, long currentVersion) {
            super(message);
            this.currentVersion = currentVersion;
        }

        public long currentVersion() {
            return currentVersion;
        }
    }

    /** The resource, or its parent, does not exist (HTTP 404). */
    public static final class NotFound extends StoreException {
        public NotFound(String message) {
            super(message);
        }
    }
}
