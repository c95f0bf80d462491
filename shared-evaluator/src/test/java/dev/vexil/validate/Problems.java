package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Test assertion: some problem sits exactly at {@code path} and its message contains {@code fragment}. */
final class Problems {
    private Problems() {
    }

    static void assertHasProblem(List<Problem> problems, String path, String fragment) {
        assertThat(problems).as(problems.toString()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(fragment);
        });
    }
}
