package dev.vexil.core.release;

import java.security.SecureRandom;
import java.time.Instant;

/** Ids of schedules and plans: creation time first (so they sort oldest first), then randomness. */
final class ReleaseIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReleaseIds() {
    }

    static String next(Instant now) {
        return String.format("%011x-%08x", now.toEpochMilli(), RANDOM.nextInt());
    }
}
