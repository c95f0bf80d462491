package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a snapshot's origin against a set of trusted public keys (several, so that a key can be rotated: trust the
 * new key, switch the signer, then drop the old key). The key is chosen by the signature's {@code keyId}; a
 * signature by any key not in the set is refused, as is a document without a signature. Immutable and thread-safe.
 */
public final class SnapshotVerifier {
    private final Map<String, PublicKey> trusted;

    private SnapshotVerifier(Map<String, PublicKey> trusted) {
        this.trusted = trusted;
    }

    /** A verifier trusting {@code keys} (P-256 public keys); at least one. */
    public static SnapshotVerifier trusting(Collection<PublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one trusted key");
        }
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey key : keys) {
            byId.put(SigningKeys.keyId(SigningKeys.fromDer(key.getEncoded())), key);
        }
        return new SnapshotVerifier(Map.copyOf(byId));
    }

    /** The ids of the trusted keys. */
    public Set<String> keyIds() {
        return trusted.keySet();
    }

    /**
     * Verifies the signature of a parsed document (whose content hash the caller has checked, e.g. with
     * {@link SnapshotCodec#readVerifiedTree}).
     *
     * @throws SnapshotSignatureException if the document is unsigned, signed by an untrusted key, or the signature
     *                                    does not match its content
     */
    public void verify(JsonNode document) throws SnapshotSignatureException {
        JsonNode member = document.get(SnapshotSigning.SIGNATURE_FIELD);
        if (member == null || member.isNull()) {
            throw new SnapshotSignatureException("snapshot is not signed, and this client trusts only signed "
                    + "snapshots (keys " + String.join(", ", shortIds()) + ")");
        }
        SnapshotSignature signature = SnapshotSignature.fromJson(member);
        PublicKey key = trusted.get(signature.keyId());
        if (key == null) {
            throw new SnapshotSignatureException("snapshot is signed with key " + signature.keyId()
                    + ", which this client does not trust");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(SnapshotSigning.JCA_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(SnapshotSigning.signedContent(document));
            valid = verifier.verify(signature.value());
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new SnapshotSignatureException("snapshot signature does not match its content (key "
                    + signature.keyId() + "): it was modified or forged");
        }
    }

    private java.util.List<String> shortIds() {
        return trusted.keySet().stream().sorted().map(id -> id.substring(0, 12) + "…").toList();
    }
}
