package dev.vexil.local.edge;

import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.wire.SdkKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The edge tests' store: project {@code shop}, environment {@code prod}, one active and one revoked SDK key. */
final class EdgeKeys {
    static final String ACTIVE = "sdk-active-key-for-the-edge-test-00000000000000";
    static final String REVOKED = "sdk-revoked-key-for-the-edge-test-0000000000000";

    private EdgeKeys() {
    }

    static SqliteFlagRepository repository(Path file) {
        SqliteFlagRepository repository = new SqliteFlagRepository(file);
        ChangeMeta meta = new ChangeMeta("test", "create", null, null, Instant.now());
        repository.createProject(new Project("shop", "Shop", Map.of()), meta);
        repository.createEnvironment("shop", new Environment("prod", "Production", false), meta);
        repository.createSdkKey(new SdkKeyRecord("k1", "shop", "prod", "active", SdkKeys.hash(ACTIVE),
                Instant.now(), "test", null));
        repository.createSdkKey(new SdkKeyRecord("k2", "shop", "prod", "revoked", SdkKeys.hash(REVOKED),
                Instant.now(), "test", null));
        repository.revokeSdkKey("shop", "prod", "k2", meta);
        return repository;
    }
}
