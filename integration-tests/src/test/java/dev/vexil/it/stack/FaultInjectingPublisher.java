package dev.vexil.it.stack;

import dev.vexil.core.publish.PublishException;
import dev.vexil.core.publish.PublishOutcome;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.publish.StoredObject;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real publisher whose next publish can be made to fail once, with the {@link PublishException} a storage outage
 * gives; everything else goes straight to the wrapped publisher.
 */
final class FaultInjectingPublisher implements SnapshotPublisher {
    private final SnapshotPublisher delegate;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger fired = new AtomicInteger();

    FaultInjectingPublisher(SnapshotPublisher delegate) {
        this.delegate = delegate;
    }

    void failNextPublish() {
        armed.set(true);
    }

    int faultsFired() {
        return fired.get();
    }

    @Override
    public PublishOutcome publish(SnapshotObject snapshot) {
        if (armed.compareAndSet(true, false)) {
            fired.incrementAndGet();
            throw new PublishException("injected fault: the object store is unavailable",
                    new java.io.IOException("injected"));
        }
        return delegate.publish(snapshot);
    }

    @Override
    public OptionalLong currentVersion(String project, String environment) {
        return delegate.currentVersion(project, environment);
    }

    @Override
    public Optional<String> currentEtag(String project, String environment, long version) {
        return delegate.currentEtag(project, environment, version);
    }

    @Override
    public void writeDelta(String project, String environment, long fromVersion, long toVersion, byte[] deltaJson) {
        delegate.writeDelta(project, environment, fromVersion, toVersion, deltaJson);
    }

    @Override
    public Optional<StoredObject> read(String objectKey) {
        return delegate.read(objectKey);
    }

    @Override
    public void writeKillList(String project, String environment, byte[] killListJson) {
        delegate.writeKillList(project, environment, killListJson);
    }

    @Override
    public void deleteKillList(String project, String environment) {
        delegate.deleteKillList(project, environment);
    }
}
