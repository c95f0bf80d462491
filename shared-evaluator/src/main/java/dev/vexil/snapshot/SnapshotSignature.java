package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The {@code signature} member of a signed snapshot (docs/snapshot-format.md, "Signature"):
 * {@code {"alg": "ES256", "keyId": "<64 lowercase hex>", "value": "<base64url, no padding>"}}, where {@code value}
 * is the 64-byte IEEE P1363 form {@code r || s} of an ECDSA P-256 / SHA-256 signature (as in JWS ES256 and
 * WebCrypto), and {@code keyId} is {@link SigningKeys#keyId} of the public key that verifies it.
 */
public record SnapshotSignature(String keyId, byte[] value) {
    public static final String ALGORITHM = "ES256";
    /** P1363: r and s, 32 bytes each, big-endian, left-padded with zeros. */
    public static final int VALUE_BYTES = 64;
    private static final Pattern KEY_ID = Pattern.compile("^[0-9a-f]{64}$");

    public SnapshotSignature {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId must be 64 lowercase hex digits, got " + keyId);
        }
        if (value == null || value.length != VALUE_BYTES) {
            throw new IllegalArgumentException("an ES256 signature is " + VALUE_BYTES + " bytes (r || s), got "
                    + (value == null ? "none" : value.length));
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The JSON member's value. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("alg", ALGORITHM);
        node.put("keyId", keyId);
        node.put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(value));
        return node;
    }

    /** Reads the member; says what is wrong with one that does not have this shape. */
    public static SnapshotSignature fromJson(JsonNode node) throws SnapshotSignatureException {
        if (node == null || !node.isObject()) {
            throw new SnapshotSignatureException("signature must be an object, got " + JsonTypes.describe(node));
        }
        JsonNode alg = node.get("alg");
        if (alg == null || !ALGORITHM.equals(alg.textValue())) {
            throw new SnapshotSignatureException("signature.alg must be \"" + ALGORITHM + "\", got "
                    + (alg == null ? "nothing" : alg.toString()));
        }
        JsonNode keyId = node.get("keyId");
        JsonNode value = node.get("value");
        if (keyId == null || !keyId.isTextual() || !KEY_ID.matcher(keyId.textValue()).matches()) {
            throw new SnapshotSignatureException("signature.keyId must be 64 lowercase hex digits");
        }
        if (value == null || !value.isTextual()) {
            throw new SnapshotSignatureException("signature.value must be a base64url string");
        }
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new SnapshotSignatureException("signature.value is not base64url: " + e.getMessage());
        }
        if (decoded.length != VALUE_BYTES) {
            throw new SnapshotSignatureException("signature.value must decode to " + VALUE_BYTES + " bytes, got "
                    + decoded.length);
        }
        return new SnapshotSignature(keyId.textValue(), decoded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotSignature other && keyId.equals(other.keyId)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SnapshotSignature{keyId=" + keyId + "}";
    }
}
