package dev.vexil.core.store;

import java.time.Instant;

/**
 * An SDK key as stored: never the secret, only {@code hash} = lowercase hex SHA-256 of the secret's UTF-8 bytes.
 * {@code revokedAt} is null while the key is valid.
 */
public record SdkKeyRecord(String id, String project, String environment, String name, String hash,
                           Instant createdAt, String createdBy, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
