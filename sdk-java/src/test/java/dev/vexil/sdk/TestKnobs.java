package dev.vexil.sdk;

import java.time.Duration;

/** The builder's package-private knobs, for the tests of other modules (the OpenFeature provider's). */
public final class TestKnobs {
    private TestKnobs() {
    }

    /** Shortens the wait after a 401/403, so that a test sees the key recover without waiting 5 minutes. */
    public static VexilClient.Builder keyRefusedRetry(VexilClient.Builder builder, Duration interval) {
        return builder.keyRefusedRetry(interval);
    }
}
