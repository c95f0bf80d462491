package dev.vexil.core.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.publish.StoredObject;
import dev.vexil.core.push.ChangeNotifier;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotDelta;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.wire.ChangeNotification;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.ObjectEncoding;
import dev.vexil.wire.PushChannels;
import java.io.IOException;
import java.util.Optional;

/**
 * What follows a successful publish of version N when push is on (docs/push.md): the deltas from each of the last
 * {@link #DELTA_DEPTH} versions that exist to N, then the notification on the environment's channel. Deltas are
 * written first, so that a notified SDK finds them. Neither step can fail the publish (the snapshot is already
 * live and polling delivers it): a failure is logged with the {@code PushFailures} metric, and an SDK that finds
 * no delta fetches the whole snapshot.
 */
public final class ChangeFanOut {
    /** How many versions back deltas reach: an SDK further behind fetches the whole snapshot. */
    public static final int DELTA_DEPTH = 5;

    private final SnapshotPublisher publisher;
    private final ChangeNotifier notifier;
    private final CompilerTelemetry telemetry;

    public ChangeFanOut(SnapshotPublisher publisher, ChangeNotifier notifier, CompilerTelemetry telemetry) {
        this.publisher = publisher;
        this.notifier = notifier;
        this.telemetry = telemetry;
    }

    /** Deltas, then the notification, for {@code published}, which is now current. */
    void published(SnapshotObject published) {
        String project = published.project();
        String environment = published.environment();
        long version = published.version();
        try {
            writeDeltas(published);
        } catch (RuntimeException | IOException | SnapshotFormatException e) {
            telemetry.pushFailed(project, environment, version, "delta", e);
        }
        try {
            String etag = publisher.currentEtag(project, environment, version).orElse(null);
            notifier.notify(PushChannels.of(new EnvironmentId(project, environment)),
                    new ChangeNotification(version, published.contentHash(), etag));
        } catch (RuntimeException e) {
            telemetry.pushFailed(project, environment, version, "notify", e);
        }
    }

    private void writeDeltas(SnapshotObject published) throws IOException, SnapshotFormatException {
        JsonNode target = null;
        for (long from = Math.max(0, published.version() - DELTA_DEPTH); from < published.version(); from++) {
            Optional<StoredObject> source = publisher.read(
                    SnapshotLayout.version(published.project(), published.environment(), from));
            if (source.isEmpty()) {
                continue; // several changes compiled at once: no such version was published
            }
            if (target == null) {
                target = SnapshotCodec.readVerifiedTree(published.json());
            }
            JsonNode sourceTree = SnapshotCodec.readVerifiedTree(ObjectEncoding.gunzip(source.get().body()));
            publisher.writeDelta(published.project(), published.environment(), from, published.version(),
                    SnapshotDelta.write(SnapshotDelta.between(sourceTree, target)));
        }
    }
}
