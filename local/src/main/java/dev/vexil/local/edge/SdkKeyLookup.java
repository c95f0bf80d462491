package dev.vexil.local.edge;

import dev.vexil.wire.EnvironmentId;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.SdkKeyRecord;
import java.util.Optional;

/**
 * Maps the hash of an SDK key to the environment it opens. On AWS this is the
 * CloudFront KeyValueStore (filled by the SDK-key sync Lambda); locally and in tests it is the repository itself.
 */
@FunctionalInterface
public interface SdkKeyLookup {

    /** The environment of the active key whose secret hashes to {@code keyHash} (lowercase hex SHA-256); else empty. */
    Optional<EnvironmentId> environmentOf(String keyHash);

    /** Active keys only: a revoked key opens nothing, exactly as when the sync Lambda removes it from the store. */
    static SdkKeyLookup activeKeysOf(FlagRepository repository) {
        return hash -> repository.findSdkKeyByHash(hash)
                .filter(SdkKeyRecord::active)
                .map(key -> new EnvironmentId(key.project(), key.environment()));
    }
}
