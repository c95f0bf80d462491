package dev.vexil.snapshot;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The keys of snapshot signatures: ECDSA on NIST P-256. Public keys travel as PEM {@code PUBLIC KEY} blocks
 * (X.509 SubjectPublicKeyInfo, what {@code openssl ec -pubout} and KMS {@code GetPublicKey} give), and a key's id is
 * {@code lowercase hex(SHA-256(its SubjectPublicKeyInfo DER))}, so the signer and every verifier derive it from the
 * key itself and nothing has to be configured twice.
 */
public final class SigningKeys {
    /** The JCA curve name of P-256. */
    public static final String CURVE = "secp256r1";
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";
    /** The order n of P-256, to recognise its keys without depending on a provider's curve names. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private SigningKeys() {
    }

    /** A new P-256 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
        }
    }

    /** The key id: lowercase hex of SHA-256 over the key's SubjectPublicKeyInfo DER. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The key as a PEM {@code PUBLIC KEY} block (64-character lines, trailing newline). */
    public static String toPem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n";
    }

    /**
     * Parses a PEM {@code PUBLIC KEY} block (or its bare base64 body) and checks that it is a P-256 key.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static PublicKey parsePublicKey(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("a public key is required (PEM \"" + PEM_BEGIN + "\" block)");
        }
        String body = pem.strip();
        if (body.startsWith(PEM_BEGIN)) {
            int end = body.indexOf(PEM_END);
            if (end < 0) {
                throw new IllegalArgumentException("PEM public key has no \"" + PEM_END + "\" line");
            }
            body = body.substring(PEM_BEGIN.length(), end);
        } else if (body.startsWith("-----BEGIN")) {
            throw new IllegalArgumentException("expected a PEM \"" + PEM_BEGIN + "\" block, got \""
                    + body.lines().findFirst().orElse("") + "\"");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM public key is not base64: " + e.getMessage(), e);
        }
        return fromDer(der);
    }

    /** A P-256 public key from its SubjectPublicKeyInfo DER (e.g. KMS {@code GetPublicKey}). */
    public static PublicKey fromDer(byte[] subjectPublicKeyInfo) {
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC public key (SubjectPublicKeyInfo): " + e.getMessage(), e);
        }
        if (!(key instanceof ECPublicKey ec) || !ec.getParams().getOrder().equals(P256_ORDER)) {
            throw new IllegalArgumentException("snapshot signing keys are ECDSA P-256 keys; this key is on another "
                    + "curve");
        }
        return key;
    }

    /**
     * Converts a DER ECDSA signature ({@code SEQUENCE {INTEGER r, INTEGER s}}, what JCA's {@code SHA256withECDSA}
     * and KMS {@code Sign} return) to the 64-byte P1363 form {@code r || s} that snapshots carry.
     *
     * @throws IllegalArgumentException for bytes that are not such a signature
     */
    public static byte[] derToP1363(byte[] der) {
        DerReader in = new DerReader(der);
        in.expect(0x30);
        int sequenceEnd = in.length() + in.position();
        if (sequenceEnd != der.length) {
            throw new IllegalArgumentException("DER signature has trailing bytes");
        }
        byte[] out = new byte[SnapshotSignature.VALUE_BYTES];
        in.integerInto(out, 0);
        in.integerInto(out, 32);
        if (in.position() != der.length) {
            throw new IllegalArgumentException("DER signature has trailing bytes");
        }
        return out;
    }

    /** Just enough DER to read two short INTEGERs in a SEQUENCE. */
    private static final class DerReader {
        private final byte[] der;
        private int pos;

        DerReader(byte[] der) {
            this.der = der;
        }

        int position() {
            return pos;
        }

        void expect(int tag) {
            if (pos >= der.length || (der[pos++] & 0xff) != tag) {
                throw new IllegalArgumentException("not a DER ECDSA signature");
            }
        }

        int length() {
            if (pos >= der.length) {
                throw new IllegalArgumentException("truncated DER signature");
            }
            int first = der[pos++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            if (first != 0x81 || pos >= der.length) {
                throw new IllegalArgumentException("unexpected DER length in an ECDSA signature");
            }
            return der[pos++] & 0xff;
        }

        /** Reads an INTEGER and writes it right-aligned into 32 bytes of {@code out} at {@code offset}. */
        void integerInto(byte[] out, int offset) {
            expect(0x02);
            int len = length();
            if (len == 0 || pos + len > der.length) {
                throw new IllegalArgumentException("truncated DER signature");
            }
            int start = pos;
            int end = pos + len;
            while (start < end - 1 && der[start] == 0) {
                start++; // the sign byte of a positive integer
            }
            int significant = end - start;
            if (significant > 32) {
                throw new IllegalArgumentException("DER signature integer longer than 32 bytes");
            }
            System.arraycopy(der, start, out, offset + 32 - significant, significant);
            pos = end;
        }
    }
}
