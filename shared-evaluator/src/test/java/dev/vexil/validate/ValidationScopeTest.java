package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationScopeTest {
    @Test
    void replacementsShadowFlagsOfTheSameKeyAndKeepTheRest() {
        ValidationScope scope = Fixtures.scope().withFlags(List.of(Fixtures.flag("payments-v2", 5),
                Fixtures.flag("brand-new", 2)));

        assertThat(scope.flag("payments-v2")).hasValueSatisfying(f -> assertThat(f.variations()).hasSize(5));
        assertThat(scope.flag("brand-new")).isPresent();
        assertThat(scope.flag("other")).hasValueSatisfying(f -> assertThat(f.variations()).hasSize(3));
        assertThat(scope.flag("missing")).isEmpty();
        assertThat(scope.segmentKeys()).containsExactlyInAnyOrder("beta-testers", "staff");
    }

    @Test
    void aLaterReplacementOfTheSameKeyWins() {
        ValidationScope scope = ValidationScope.empty().withFlags(List.of(Fixtures.flag("a", 2), Fixtures.flag("a", 4)));

        assertThat(scope.flag("a")).hasValueSatisfying(f -> assertThat(f.variations()).hasSize(4));
    }
}
