package dev.vexil.core.admin.service;

import dev.vexil.wire.SdkKeys;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.keys.SdkKeyEdgeSync;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.SdkKeyRecord;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * SDK keys of an environment (admins create and revoke; any role lists). The secret is returned by
 * {@link #create} only; the store keeps its hash. Rotation = create a new key, deploy it, revoke the old one.
 */
public final class SdkKeyService {
    private static final Set<String> CREATE_FIELDS = Set.of("name");

    /** A new key together with its secret, which exists only in this response. */
    public record CreatedKey(SdkKeyRecord record, String secret) {
    }

    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final Clock clock;
    private final QuotaGuard quotas;
    private final SdkKeyEdgeSync edge;

    public SdkKeyService(FlagRepository repository, Clock clock, SdkKeyEdgeSync edge, QuotaGuard quotas) {
        this.quotas = quotas;
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.clock = clock;
        this.edge = edge;
    }

    /** {@code body} may be null (no body): the key then has no name. */
    public CreatedKey create(Caller caller, String projectKey, String envKey, JsonNode body) {
        guard.environment(projectKey, envKey, caller, Role.ADMIN);
        String name = null;
        if (body != null) {
            BodyChecks checks = new BodyChecks(body, CREATE_FIELDS);
            name = checks.text("name", false, BodyChecks.MAX_NAME);
            checks.throwIfInvalid();
        }
        quotas.activeSdkKeys(projectKey, envKey);
        String secret = SdkKeys.newSecret();
        SdkKeyRecord record = new SdkKeyRecord(SdkKeyIds.newId(), projectKey, envKey, name, SdkKeys.hash(secret),
                clock.instant(), caller.principal(), null);
        return new CreatedKey(repository.createSdkKey(record), secret);
    }

    public List<SdkKeyRecord> list(Caller caller, String projectKey, String envKey) {
        guard.environment(projectKey, envKey, caller, Role.VIEWER);
        return repository.listSdkKeys(projectKey, envKey);
    }

    /** A key and what the resync of its edge copy did. */
    public record Resynced(SdkKeyRecord record, SdkKeyEdgeSync.Outcome outcome) {
    }

    /**
     * Makes the edge agree with the stored key (admins only): the remedy for a key-sync write that failed for good.
     * Changes nothing in the table.
     */
    public Resynced resync(Caller caller, String projectKey, String envKey, String keyId) {
        guard.environment(projectKey, envKey, caller, Role.ADMIN);
        SdkKeyRecord key = repository.listSdkKeys(projectKey, envKey).stream()
                .filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> AdminException.notFound("no SDK key \"" + keyId + "\" in environment \""
                        + envKey + "\""));
        return new Resynced(key, edge.resync(key));
    }

    public SdkKeyRecord revoke(Caller caller, String projectKey, String envKey, String keyId) {
        guard.environment(projectKey, envKey, caller, Role.ADMIN);
        ChangeMeta meta = caller.changeMeta("revoke", null, clock.instant());
        return repository.revokeSdkKey(projectKey, envKey, keyId, meta)
                .orElseThrow(() -> AdminException.notFound("no SDK key \"" + keyId + "\" in environment \""
                        + envKey + "\""));
    }
}
