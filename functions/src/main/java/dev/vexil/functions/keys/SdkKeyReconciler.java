package dev.vexil.functions.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.keys.SdkKeyEdgeSync;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.core.store.Versioned;
import dev.vexil.wire.EnvironmentId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Repairs drift between the table's SDK keys (the source of truth) and the KeyValueStore the edge reads: an active
 * key whose hash is missing (or points at another environment) is put back, a revoked key whose hash is still
 * present is deleted. This is the remedy for a stream write that failed for good: a revocation in the key sync's
 * dead-letter queue cannot be repaired by revoking again, since that writes nothing to the table and so nothing
 * to the stream. Every repair is logged with the {@code SdkKeyRepairs} metric (CloudWatch embedded metric format,
 * namespace {@code Vexil}, dimension {@code action}); the hash and the secret are never logged, only the key id.
 *
 * <p>Used by the scheduled {@link SdkKeyReconcileHandler} (all keys) and by the admin route
 * {@code POST .../sdk-keys/{id}/resync} (one key). Writes go through {@link SdkKeyMirror}, which handles the
 * store's ETags.
 */
public final class SdkKeyReconciler implements SdkKeyEdgeSync {
    static final String METRIC = "SdkKeyRepairs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private final FlagRepository repository;
    private final KeyValueStoreClient store;
    private final SdkKeyMirror mirror;
    private final Clock clock;

    public SdkKeyReconciler(FlagRepository repository, KeyValueStoreClient store, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.mirror = new SdkKeyMirror(store);
        this.clock = clock;
    }

    /** The totals of one pass over every key. */
    public record Summary(int keys, int repaired) {
    }

    /** Compares every key of every environment with the store and repairs what differs. */
    public Summary reconcileAll() {
        int keys = 0;
        int repaired = 0;
        String cursor = null;
        do {
            Page<Versioned<Project>> page = repository.listProjects(cursor, PAGE);
            for (Versioned<Project> project : page.items()) {
                for (Versioned<Environment> environment : repository.listEnvironments(project.value().key())) {
                    for (SdkKeyRecord key : repository.listSdkKeys(project.value().key(),
                            environment.value().key())) {
                        keys++;
                        Action action = resync(key).action();
                        if (action == Action.PUT || action == Action.DELETED) {
                            repaired++;
                        }
                    }
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new Summary(keys, repaired);
    }

    @Override
    public Outcome resync(SdkKeyRecord key) {
        Optional<String> atEdge = store.get(key.hash());
        String environment = new EnvironmentId(key.project(), key.environment()).toString();
        if (key.active()) {
            if (atEdge.isPresent() && atEdge.get().equals(environment)) {
                return new Outcome(Action.IN_SYNC, "the edge accepts this key for " + environment);
            }
            mirror.apply(List.of(SdkKeyChange.active("reconcile", key.hash(), key.project(), key.environment())));
            repaired(key, Action.PUT);
            return new Outcome(Action.PUT, atEdge.isPresent()
                    ? "the edge mapped this key to another environment; it now maps to " + environment
                    : "the edge did not know this active key; it now accepts it for " + environment);
        }
        if (atEdge.isEmpty()) {
            return new Outcome(Action.IN_SYNC, "the edge already refuses this revoked key");
        }
        mirror.apply(List.of(SdkKeyChange.removed("reconcile", key.hash())));
        repaired(key, Action.DELETED);
        return new Outcome(Action.DELETED, "the edge still accepted this revoked key; it now refuses it");
    }

    /** One EMF line per repair: the metric counts repairs, the fields say which key (by id) and how. */
    private void repaired(SdkKeyRecord key, Action action) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", "Vexil",
                "Dimensions", List.of(List.of("action")),
                "Metrics", List.of(Map.of("Name", METRIC, "Unit", "Count"))))));
        line.put("component", "sdk-key-reconcile");
        line.put("level", "WARN");
        line.put("action", action.name());
        line.put(METRIC, 1);
        line.put("project", key.project());
        line.put("environment", key.environment());
        line.put("keyId", key.id());
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            System.out.println("{\"component\":\"sdk-key-reconcile\",\"action\":\"" + action + "\"}");
        }
    }
}
