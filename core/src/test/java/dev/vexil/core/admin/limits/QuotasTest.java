package dev.vexil.core.admin.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotasTest {
    @Test
    void overridesOnlyTheNamedQuotas() {
        assertThat(Quotas.parse("flags=10000, sdkKeys=5")).isEqualTo(new Quotas(50, 10_000, 1_000, 5));
        assertThat(Quotas.parse(null)).isEqualTo(Quotas.DEFAULTS);
    }

    @Test
    void refusesUnknownNamesAndValuesBelowOne() {
        assertThatThrownBy(() -> Quotas.parse("flag=10")).hasMessageContaining("flag=10");
        assertThatThrownBy(() -> Quotas.parse("segments=many")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Quotas.parse("environments=0")).hasMessageContaining("at least 1");
    }
}
