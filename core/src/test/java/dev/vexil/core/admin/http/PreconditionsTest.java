package dev.vexil.core.admin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.WritePrecondition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreconditionsTest {
    private static WritePrecondition parse(Map<String, String> headers) {
        return Preconditions.of(new ApiRequest("PUT", "/", headers, Map.of(), null, false, "p", Map.of()));
    }

    @Test
    void readsQuotedBareAndListedTags() {
        assertThat(parse(Map.of("If-Match", "\"7\"")).ifMatch()).isEqualTo(Set.of(7L));
        assertThat(parse(Map.of("if-match", "7")).ifMatch()).isEqualTo(Set.of(7L));
        assertThat(parse(Map.of("If-Match", "\"1\", \"2\"")).ifMatch()).isEqualTo(Set.of(1L, 2L));
        assertThat(parse(Map.of("If-Match", "*")).anyVersion()).isTrue();
        assertThat(parse(Map.of("If-None-Match", "*")).ifNoneMatchAny()).isTrue();
        assertThat(parse(Map.of()).hasIfMatch()).isFalse();
    }

    @Test
    void weakTagsArePresentButNeverMatch() {
        WritePrecondition weak = parse(Map.of("If-Match", "W/\"3\""));
        assertThat(weak.hasIfMatch()).isTrue();
        assertThat(weak.ifMatch()).doesNotContain(3L);
    }

    @Test
    void foreignTagsAreRefusedWithThePath() {
        assertThatThrownBy(() -> parse(Map.of("If-Match", "\"abc\"")))
                .isInstanceOfSatisfying(AdminException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AdminException.Kind.INVALID);
                    assertThat(e.errors()).extracting(p -> p.path()).containsExactly("If-Match");
                });
    }
}
