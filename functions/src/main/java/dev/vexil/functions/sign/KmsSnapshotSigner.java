package dev.vexil.functions.sign;

import dev.vexil.core.sign.SnapshotSigner;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotSignature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs snapshots with a KMS asymmetric key ({@code ECC_NIST_P256}, usage {@code SIGN_VERIFY}); the private key never
 * leaves KMS. KMS takes at most 4 KB as a raw message, so the content is hashed here and sent as a
 * {@code DIGEST} for {@code ECDSA_SHA_256}, which is the same signature as over the content itself; KMS returns DER,
 * converted to the P1363 form snapshots carry. The public key is fetched once, when the signer is built.
 */
public final class KmsSnapshotSigner implements SnapshotSigner {
    private final KmsClient kms;
    private final String kmsKeyId;
    private final PublicKey publicKey;
    private final String keyId;

    /** {@code kmsKeyId}: the key's ARN, id or alias. Reads its public key (needs {@code kms:GetPublicKey}). */
    public KmsSnapshotSigner(KmsClient kms, String kmsKeyId) {
        this.kms = kms;
        this.kmsKeyId = kmsKeyId;
        GetPublicKeyResponse key = kms.getPublicKey(r -> r.keyId(kmsKeyId));
        if (key.keySpec() != KeySpec.ECC_NIST_P256
                || !key.signingAlgorithms().contains(SigningAlgorithmSpec.ECDSA_SHA_256)) {
            throw new IllegalStateException("KMS key " + kmsKeyId + " is " + key.keySpecAsString()
                    + "; snapshots are signed with an ECC_NIST_P256 key that allows ECDSA_SHA_256");
        }
        this.publicKey = SigningKeys.fromDer(key.publicKey().asByteArray());
        this.keyId = SigningKeys.keyId(publicKey);
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public SnapshotSignature sign(byte[] signedContent) {
        SignResponse response = kms.sign(r -> r.keyId(kmsKeyId)
                .messageType(MessageType.DIGEST)
                .message(SdkBytes.fromByteArray(sha256(signedContent)))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
        return new SnapshotSignature(keyId, SigningKeys.derToP1363(response.signature().asByteArray()));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
