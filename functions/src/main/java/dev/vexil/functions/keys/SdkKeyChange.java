package dev.vexil.functions.keys;

import dev.vexil.wire.EnvironmentId;
import java.util.Objects;
import java.util.Optional;

/**
 * What one stream record means for the edge's key store: SDK-key hash {@code hash} now maps to {@code environment}
 * (an {@link EnvironmentId} in its {@code <project>/<env>} form), or, when that is empty, must no longer map to anything (revoked or deleted).
 */
public record SdkKeyChange(String sequenceNumber, String hash, Optional<String> environment) {
    public SdkKeyChange {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(environment, "environment");
    }

    static SdkKeyChange active(String sequenceNumber, String hash, String project, String environment) {
        return new SdkKeyChange(sequenceNumber, hash, Optional.of(new EnvironmentId(project, environment).toString()));
    }

    static SdkKeyChange removed(String sequenceNumber, String hash) {
        return new SdkKeyChange(sequenceNumber, hash, Optional.empty());
    }
}
