package dev.vexil.core.sign;

import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotSignature;
import dev.vexil.snapshot.SnapshotSigning;
import java.security.KeyPair;
import java.security.PublicKey;

/** Signs with a P-256 key pair held in this process: local mode (from its key file) and tests. */
public final class KeyPairSnapshotSigner implements SnapshotSigner {
    private final KeyPair keys;
    private final String keyId;

    public KeyPairSnapshotSigner(KeyPair keys) {
        this.keys = keys;
        this.keyId = SigningKeys.keyId(SigningKeys.fromDer(keys.getPublic().getEncoded())); // checks P-256
    }

    @Override
    public PublicKey publicKey() {
        return keys.getPublic();
    }

    @Override
    public SnapshotSignature sign(byte[] signedContent) {
        return SnapshotSigning.sign(keys.getPrivate(), keyId, signedContent);
    }
}
