package dev.vexil.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    @Test
    void parsesWritesPerSecondsAndDefaultsWhenUnset() {
        assertThat(RateLimit.parse("120/30s")).isEqualTo(new RateLimit(120, Duration.ofSeconds(30)));
        assertThat(RateLimit.parse(null)).isEqualTo(RateLimit.DEFAULT);
        assertThat(RateLimit.parse(" ")).isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> RateLimit.parse("60 per minute")).hasMessageContaining("<writes>/<seconds>s");
        assertThatThrownBy(() -> RateLimit.parse("0/60s")).hasMessageContaining("at least 1 write");
        assertThatThrownBy(() -> RateLimit.parse("5/0s")).hasMessageContaining("window");
    }
}
