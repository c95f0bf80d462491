package dev.vexil.functions.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import dev.vexil.wire.EnvironmentId;
import dev.vexil.wire.PushChannels;
import dev.vexil.wire.SdkKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AppSync Events Lambda authorizer over a real repository, with events shaped as AppSync sends them. */
class PushAuthorizerHandlerTest {
    private static final String KEY = SdkKeys.newSecret();
    private static final String PROD = PushChannels.of(new EnvironmentId("shop", "prod"));
    private static final String STAGING = PushChannels.of(new EnvironmentId("shop", "staging"));

    @TempDir
    Path dir;
    private SqliteFlagRepository repository;
    private PushAuthorizerHandler handler;

    @BeforeEach
    void setUp() {
        repository = new SqliteFlagRepository(dir.resolve("vexil.db"));
        repository.createProject(new Project("shop", "Shop", Map.of()), meta());
        repository.createEnvironment("shop", new Environment("prod", "Production", false), meta());
        repository.createEnvironment("shop", new Environment("staging", "Staging", false), meta());
        repository.createSdkKey(new SdkKeyRecord("k1", "shop", "prod", "app", SdkKeys.hash(KEY), Instant.now(),
                "test", null));
        handler = new PushAuthorizerHandler(repository);
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    private static ChangeMeta meta() {
        return new ChangeMeta("test", "create", null, null, Instant.now());
    }

    private Map<String, Object> authorize(String token, String operation, String channel) {
        Map<String, Object> context = new java.util.HashMap<>(Map.of("apiId", "abc", "accountId", "123456789012",
                "requestId", "r1", "operation", operation, "channelNamespaceName", "vexil"));
        if (channel != null) {
            context.put("channel", channel);
        }
        Map<String, Object> event = new java.util.HashMap<>(Map.of("requestContext", context,
                "requestHeaders", Map.of()));
        if (token != null) {
            event.put("authorizationToken", token);
        }
        return handler.handleRequest(event, null);
    }

    @Test
    void anActiveKeyConnectsAndSubscribesToItsOwnEnvironmentOnly() {
        assertThat(authorize(KEY, "EVENT_CONNECT", null)).containsEntry("isAuthorized", true)
                .containsEntry("ttlOverride", 0);
        assertThat(authorize(KEY, "EVENT_SUBSCRIBE", PROD)).containsEntry("isAuthorized", true);
        assertThat(authorize(KEY, "EVENT_SUBSCRIBE", STAGING)).containsEntry("isAuthorized", false);
        assertThat(authorize(KEY, "EVENT_SUBSCRIBE", "/vexil/*")).containsEntry("isAuthorized", false);
    }

    @Test
    void aRevokedKeyIsRefusedAtItsNextConnectAndSubscribe() {
        assertThat(authorize(KEY, "EVENT_CONNECT", null)).containsEntry("isAuthorized", true);

        repository.revokeSdkKey("shop", "prod", "k1", meta());

        assertThat(authorize(KEY, "EVENT_CONNECT", null)).containsEntry("isAuthorized", false);
        assertThat(authorize(KEY, "EVENT_SUBSCRIBE", PROD)).containsEntry("isAuthorized", false);
    }

    @Test
    void publishingUnknownKeysAndNonKeysAreRefused() {
        assertThat(authorize(KEY, "EVENT_PUBLISH", PROD)).containsEntry("isAuthorized", false);
        assertThat(authorize(SdkKeys.newSecret(), "EVENT_CONNECT", null)).containsEntry("isAuthorized", false);
        assertThat(authorize("Bearer x", "EVENT_CONNECT", null)).containsEntry("isAuthorized", false);
        assertThat(authorize(null, "EVENT_CONNECT", null)).containsEntry("isAuthorized", false);
    }
}
