package dev.vexil.local.release;

import dev.vexil.core.release.GuardNotifier;
import dev.vexil.core.release.GuardRestore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/** Local mode's stand-in for the SNS topic: one log line per restore, and the restores kept in memory. */
public final class LocalGuardNotifier implements GuardNotifier {
    private static final Logger LOG = Logger.getLogger(LocalGuardNotifier.class.getName());
    private final List<GuardRestore> sent = new CopyOnWriteArrayList<>();

    @Override
    public void notify(GuardRestore restore) {
        sent.add(restore);
        LOG.warning(restore.summary());
    }

    /** Every restore notified since start, oldest first. */
    public List<GuardRestore> sent() {
        return List.copyOf(sent);
    }
}
