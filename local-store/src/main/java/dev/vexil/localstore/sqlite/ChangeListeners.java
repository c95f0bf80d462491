package dev.vexil.localstore.sqlite;

import dev.vexil.core.store.ChangeRef;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of a change feed. Each is called on the writing thread after the change is committed; one that
 * throws is logged and skipped, so that it can neither undo nor fail the write, nor starve the others.
 */
final class ChangeListeners {
    private static final System.Logger LOG = System.getLogger(ChangeListeners.class.getName());

    private final List<Consumer<ChangeRef>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<ChangeRef> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void publish(ChangeRef change) {
        for (Consumer<ChangeRef> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "change listener failed for " + change, e);
            }
        }
    }
}
