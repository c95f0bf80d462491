package dev.vexil.core.admin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.core.store.Versioned;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WritePreconditionTest {
    private static final Optional<Versioned<String>> AT_3 = Optional.of(new Versioned<>("x", 3, Instant.EPOCH, "p"));

    private static AdminException.Kind kindOf(Runnable call) {
        try {
            call.run();
        } catch (AdminException e) {
            return e.kind();
        }
        throw new AssertionError("expected an AdminException");
    }

    @Test
    void absentResourceIsCreatedWithoutIfMatch() {
        assertThat(WritePrecondition.NONE.expectedVersion(Optional.empty(), "x")).isZero();
        assertThat(new WritePrecondition(Set.of(), false, true).expectedVersion(Optional.empty(), "x")).isZero();
    }

    @Test
    void ifMatchOnAnAbsentResourceFails() {
        assertThat(kindOf(() -> new WritePrecondition(Set.of(1L), false, false).expectedVersion(Optional.empty(), "x")))
                .isEqualTo(AdminException.Kind.PRECONDITION_FAILED);
    }

    @Test
    void existingResourceNeedsTheCurrentVersion() {
        assertThat(kindOf(() -> WritePrecondition.NONE.expectedVersion(AT_3, "x")))
                .isEqualTo(AdminException.Kind.PRECONDITION_REQUIRED);
        assertThat(new WritePrecondition(Set.of(3L), false, false).expectedVersion(AT_3, "x")).isEqualTo(3);
        assertThat(new WritePrecondition(Set.of(), true, false).expectedVersion(AT_3, "x")).isEqualTo(3);
        assertThatThrownBy(() -> new WritePrecondition(Set.of(2L), false, false).expectedVersion(AT_3, "x"))
                .isInstanceOfSatisfying(AdminException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AdminException.Kind.PRECONDITION_FAILED);
                    assertThat(e.extensions()).containsEntry("currentEtag", "\"3\"");
                });
    }

    @Test
    void createOnlyOverAnExistingResourceIsAConflict() {
        assertThat(kindOf(() -> new WritePrecondition(Set.of(), false, true).expectedVersion(AT_3, "x")))
                .isEqualTo(AdminException.Kind.CONFLICT);
    }

    @Test
    void actionsUseTheCurrentVersionUnlessIfMatchSaysOtherwise() {
        assertThat(WritePrecondition.NONE.expectedVersionIfGiven(5, "x")).isEqualTo(5);
        assertThat(kindOf(() -> new WritePrecondition(Set.of(4L), false, false).expectedVersionIfGiven(5, "x")))
                .isEqualTo(AdminException.Kind.PRECONDITION_FAILED);
    }
}
