package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.wire.SdkKeys;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SdkKeysTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    @Test
    void theSecretIsReturnedOnceOnlyItsHashIsStoredAndRevokingWorks() {
        String p = api.project("keys", "production");
        String keys = "/v1/projects/" + p + "/environments/production/sdk-keys";
        AdminFixture.Reply created = api.call("POST", keys).json("{\"name\":\"checkout-service\"}").expect(201);
        JsonNode key = created.json();
        String secret = key.path("secret").asText();
        assertThat(secret).matches("sdk-[A-Za-z0-9_-]{43}");
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        assertThat(key.path("active").asBoolean()).isTrue();
        assertThat(key.path("name").asText()).isEqualTo("checkout-service");

        Optional<SdkKeyRecord> stored = api.repository.findSdkKeyByHash(SdkKeys.hash(secret));
        assertThat(stored).isPresent();
        assertThat(stored.get().hash()).matches("[0-9a-f]{64}").isNotEqualTo(secret);
        assertThat(stored.get().id()).isEqualTo(key.path("id").asText());

        AdminFixture.Reply second = api.call("POST", keys).expect(201); // no body: a key without a name
        assertThat(second.json().path("secret").asText()).isNotEqualTo(secret);

        JsonNode list = api.get(keys).expect(200).json();
        assertThat(list.path("items")).hasSize(2);
        assertThat(list.toString()).doesNotContain(secret).doesNotContain("secret")
                .doesNotContain(SdkKeys.hash(secret));

        String id = key.path("id").asText();
        JsonNode revoked = api.call("DELETE", keys + "/" + id).expect(200).json();
        assertThat(revoked.path("active").asBoolean()).isFalse();
        assertThat(revoked.path("revokedAt").asText()).isEqualTo(AdminFixture.NOW.toString());
        assertThat(api.repository.findSdkKeyByHash(SdkKeys.hash(secret)).orElseThrow().active()).isFalse();
        JsonNode after = api.get(keys).expect(200).json().path("items");
        assertThat(after.findValuesAsText("id")).contains(id);
        after.forEach(k -> assertThat(k.path("active").asBoolean()).isEqualTo(!k.path("id").asText().equals(id)));

        api.call("DELETE", keys + "/no-such-key").expect(404);
    }
}
