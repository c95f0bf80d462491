package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChangeNotificationTest {
    private static final String HASH = "sha256:" + "ab".repeat(32);

    @Test
    void roundTripsAndIgnoresUnknownMembers() {
        ChangeNotification n = new ChangeNotification(42, HASH, "\"e1\"");
        assertThat(ChangeNotification.parse(n.toJson())).isEqualTo(n);
        assertThat(ChangeNotification.parse("{\"version\":7,\"contentHash\":\"" + HASH + "\",\"x\":[1]}"))
                .isEqualTo(new ChangeNotification(7, HASH, null));
    }

    @Test
    void refusesWhatIsNotANotification() {
        assertThatThrownBy(() -> ChangeNotification.parse("nope")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ChangeNotification.parse("{\"version\":\"7\",\"contentHash\":\"" + HASH + "\"}"))
                .hasMessageContaining("integer version");
        assertThatThrownBy(() -> ChangeNotification.parse("{\"version\":7,\"contentHash\":\"md5:1\"}"))
                .hasMessageContaining("contentHash must be");
        assertThatThrownBy(() -> ChangeNotification.parse("{\"version\":7,\"contentHash\":\"" + HASH
                + "\",\"pad\":\"" + "x".repeat(2000) + "\"}")).hasMessageContaining("over 1024 bytes");
    }

    @Test
    void channelsAreValidAppSyncSegmentsAndDifferPerEnvironment() {
        String a = PushChannels.of(new EnvironmentId("shop", "prod"));
        String b = PushChannels.of(new EnvironmentId("shop", "staging.eu_1"));
        assertThat(a).matches("/vexil/[0-9a-f]{32}").isNotEqualTo(b);
        assertThat(b).matches("/vexil/[0-9a-f]{32}");
        assertThat(PushChannels.of(new EnvironmentId("shop", "prod"))).isEqualTo(a);
    }
}
