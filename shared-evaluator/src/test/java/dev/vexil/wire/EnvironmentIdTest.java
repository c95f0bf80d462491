package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code <project>/<env>} form the KeyValueStore holds and the edge reads back. */
class EnvironmentIdTest {
    @Test
    void writesProjectSlashEnvironmentAndReadsItBack() {
        EnvironmentId id = new EnvironmentId("shop", "production");
        assertThat(id).hasToString("shop/production");
        assertThat(EnvironmentId.parse("shop/production")).isEqualTo(id);
        assertThat(EnvironmentId.parse(id.toString()).environment()).isEqualTo("production");
        EnvironmentId dotted = new EnvironmentId("my.shop", "eu-west_1");
        assertThat(EnvironmentId.parse(dotted.toString())).isEqualTo(dotted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "shop/", "/production", "/", "", "shop/eu/production", "shop//production"})
    void anyOtherShapeIsRefused(String text) {
        assertThatThrownBy(() -> EnvironmentId.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<project>/<environment>");
    }

    @Test
    void aPartThatWouldNotReadBackIsRefused() {
        assertThatThrownBy(() -> new EnvironmentId("a/b", "production")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("project");
        assertThatThrownBy(() -> new EnvironmentId("shop", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("environment");
        assertThatThrownBy(() -> new EnvironmentId(null, "production")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EnvironmentId.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
