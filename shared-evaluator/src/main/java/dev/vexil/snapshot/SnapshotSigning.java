package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.function.Function;

/**
 * What a snapshot signature covers, and how it is attached (docs/snapshot-format.md, "Signature").
 *
 * <p>The signed content is the canonical JSON of the document without its {@code contentHash} and {@code signature}
 * members: the very bytes whose SHA-256 is the content hash of an unsigned document. The signature is attached as
 * the member {@code signature} before the document is sealed, so {@code contentHash} covers it too and readers that
 * do not know signatures still verify signed snapshots.
 */
public final class SnapshotSigning {
    public static final String SIGNATURE_FIELD = "signature";
    /** The JCA algorithm of the signature: ECDSA with SHA-256, r || s (P1363) rather than DER. */
    static final String JCA_ALGORITHM = "SHA256withECDSAinP1363Format";

    private SnapshotSigning() {
    }

    /** The bytes a signature covers: the canonical form of {@code document} without contentHash and signature. */
    public static byte[] signedContent(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a snapshot document is a JSON object");
        }
        if (!document.has(SnapshotCodec.HASH_FIELD)) {
            return CanonicalJson.bytesWithout(document, SIGNATURE_FIELD);
        }
        ObjectNode shallow = JsonNodeFactory.instance.objectNode();
        shallow.setAll((ObjectNode) document); // shares the members; nothing is deep-copied
        shallow.remove(SnapshotCodec.HASH_FIELD);
        return CanonicalJson.bytesWithout(shallow, SIGNATURE_FIELD);
    }

    /** A copy of {@code unsealed} (members shared) with {@code signature} set; {@code unsealed} is not changed. */
    public static ObjectNode withSignature(ObjectNode unsealed, SnapshotSignature signature) {
        if (unsealed.has(SnapshotCodec.HASH_FIELD)) {
            throw new IllegalArgumentException("sign before sealing: the document already has a contentHash");
        }
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.setAll(unsealed);
        signed.set(SIGNATURE_FIELD, signature.toJson());
        return signed;
    }

    /** {@code unsealed} signed by {@code signer} (given the {@link #signedContent}), ready to be sealed. */
    public static ObjectNode signed(ObjectNode unsealed, Function<byte[], SnapshotSignature> signer) {
        return withSignature(unsealed, signer.apply(signedContent(unsealed)));
    }

    /** Signs {@code content} with a P-256 private key held in this process (local mode, tests). */
    public static SnapshotSignature sign(PrivateKey key, String keyId, byte[] content) {
        try {
            Signature signature = Signature.getInstance(JCA_ALGORITHM);
            signature.initSign(key);
            signature.update(content);
            return new SnapshotSignature(keyId, signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key: " + e.getMessage(), e);
        }
    }
}
