package dev.vexil.core.release;

import dev.vexil.core.release.store.ReleaseRecord;

/**
 * What the scheduler does with a due item of one kind. {@link #run} gets the item after the scheduler claimed it
 * and returns its next state (usually {@link ReleaseRecord#next}: a new due time or none, and the updated body),
 * which the scheduler writes conditionally on the claim's revision. A kind whose work may be interrupted must be
 * able to tell, when it runs again after another scheduler's crash, whether its flag write already happened.
 */
public interface DueWork {
    /** The {@link dev.vexil.core.release.store.ReleaseKey#kind()} this work serves. */
    String kind();

    ReleaseRecord run(ReleaseRecord claimed);
}
