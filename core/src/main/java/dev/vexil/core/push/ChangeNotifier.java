package dev.vexil.core.push;

import dev.vexil.wire.ChangeNotification;

/**
 * The port the compiler tells SDKs through that an environment has a new snapshot version (docs/push.md). Adapters:
 * the AppSync Events HTTP publisher (functions), the local WebSocket hub (local), {@link #NONE} where push is off.
 * Called after a successful publish only. A notification is a hint; polling is the safety net, so a failure here
 * never fails the publish: the compiler logs it and counts it ({@code PushFailures}).
 */
@FunctionalInterface
public interface ChangeNotifier {
    /** Push is off: nothing is sent. */
    ChangeNotifier NONE = (channel, notification) -> {
    };

    /** Publishes {@code notification} on {@code channel} ({@code dev.vexil.wire.PushChannels}). May throw. */
    void notify(String channel, ChangeNotification notification);
}
