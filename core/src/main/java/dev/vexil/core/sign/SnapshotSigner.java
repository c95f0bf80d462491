package dev.vexil.core.sign;

import dev.vexil.snapshot.SnapshotSignature;
import java.security.PublicKey;

/**
 * The port through which the compiler signs each snapshot (format: {@code dev.vexil.snapshot.SnapshotSigning},
 * docs/snapshot-format.md). Adapters: {@link KeyPairSnapshotSigner} (a key held in this process; local mode loads it
 * from a key file) and, on AWS, {@code dev.vexil.functions.sign.KmsSnapshotSigner} (the private key never leaves KMS).
 */
public interface SnapshotSigner {
    /** The P-256 public key that verifies this signer's signatures (its id names it in every signature). */
    PublicKey publicKey();

    /**
     * Signs the canonical content of one snapshot ({@code SnapshotSigning.signedContent}).
     *
     * @throws RuntimeException if the signature cannot be made (the compiler then fails and is retried)
     */
    SnapshotSignature sign(byte[] signedContent);
}
