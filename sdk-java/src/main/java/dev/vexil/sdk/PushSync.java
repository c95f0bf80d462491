package dev.vexil.sdk;

import dev.vexil.sdk.push.PushChannel;
import dev.vexil.wire.ChangeNotification;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;

/**
 * Turns what the push channel says into poll cycles: after every (re)connect one cycle at once (notifications are
 * not replayed, so whatever changed while disconnected is fetched now); for a notification of a newer version, a
 * cycle aimed at it; a notification for a version already held does nothing. The channel to subscribe to comes
 * from the snapshot served (its project and environment), so push starts once the first snapshot is in.
 */
final class PushSync implements PushChannel.Listener {
    private final EnvironmentStore store;
    private final Poller poller;
    private volatile long ignoredNotifications;

    PushSync(EnvironmentStore store, Poller poller) {
        this.store = store;
        this.poller = poller;
    }

    /** The served environment's channel, or null before the first snapshot (or for one without a project). */
    String channel() {
        EnvironmentHolder held = store.current();
        if (held == null || held.snapshot.project() == null || held.snapshot.environment() == null) {
            return null;
        }
        return PushChannels.of(new EnvironmentId(held.snapshot.project(), held.snapshot.environment()));
    }

    @Override
    public void connected() {
        poller.fetchNow(null);
    }

    @Override
    public void notified(ChangeNotification notification) {
        EnvironmentHolder held = store.current();
        if (held != null && held.version >= notification.version()) {
            ignoredNotifications++;
            return;
        }
        poller.fetchNow(notification);
    }

    /** Notifications for versions already held (tests). */
    long ignoredNotifications() {
        return ignoredNotifications;
    }
}
