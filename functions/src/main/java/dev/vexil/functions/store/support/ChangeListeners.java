package dev.vexil.functions.store.support;

import dev.vexil.functions.store.ChangeRef;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of a change feed. Each is called on the writing thread after the change is committed; one that
 * throws is logged and skipped, so that it can neither undo nor fail the write, nor starve the others.
 */
public final class ChangeListeners {
    private static final System.Logger LOG = System.getLogger(ChangeListeners.class.getName());

    private final List<Consumer<ChangeRef>> listeners = new CopyOnWriteArrayList<>();

    public void add(Consumer<ChangeRef> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void publish(ChangeRef change) {
        for (Consumer<ChangeRef> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "change listener failed for " + change, e);
            }
        }
    }
}
