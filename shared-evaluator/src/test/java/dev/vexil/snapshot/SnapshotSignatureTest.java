package dev.vexil.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Snapshot;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing and verifying snapshots: what is signed, forged, tampered and missing signatures, rotation. */
class SnapshotSignatureTest {
    private static final KeyPair OLD = SigningKeys.generate();
    private static final KeyPair NEW = SigningKeys.generate();

    private static ObjectNode unsealed(long version, boolean on) {
        String json = """
                {"schemaVersion":1,"project":"shop","environment":"prod","version":%d,
                 "generatedAt":"2026-12-01T19:00:00Z","segments":[],
                 "flags":[{"key":"checkout","type":"boolean","variations":[{"value":true},{"value":false}],
                           "on":%s,"offVariation":1,"fallthrough":{"variation":0}}]}""".formatted(version, on);
        try {
            return (ObjectNode) SnapshotCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the compiler publishes: signed, then sealed. */
    static byte[] signedBytes(ObjectNode unsealed, KeyPair key) {
        ObjectNode signed = SnapshotSigning.signed(unsealed, content -> SnapshotSigning.sign(key.getPrivate(),
                SigningKeys.keyId(key.getPublic()), content));
        return SnapshotCodec.sealTree(signed).bytes();
    }

    private static JsonNode verifiedTree(byte[] bytes) throws SnapshotFormatException {
        return SnapshotCodec.readVerifiedTree(bytes);
    }

    @Test
    void aSignedSnapshotVerifiesAndStillReadsForReadersThatIgnoreSignatures() throws Exception {
        byte[] bytes = signedBytes(unsealed(7, true), NEW);

        SnapshotVerifier.trusting(List.of(NEW.getPublic())).verify(verifiedTree(bytes));
        Snapshot snapshot = SnapshotCodec.read(bytes); // the contentHash covers the signature member
        assertThat(snapshot.version()).isEqualTo(7);
        JsonNode signature = verifiedTree(bytes).get("signature");
        assertThat(signature.get("alg").textValue()).isEqualTo("ES256");
        assertThat(signature.get("keyId").textValue()).isEqualTo(SigningKeys.keyId(NEW.getPublic()))
                .matches("[0-9a-f]{64}");
        assertThat(signature.get("value").textValue()).matches("[A-Za-z0-9_-]{86}");
    }

    @Test
    void theSignatureCoversTheContentHashedForAnUnsignedDocument() throws Exception {
        ObjectNode unsealed = unsealed(7, true);
        byte[] hashedWhenUnsigned = CanonicalJson.bytes(unsealed);
        byte[] bytes = signedBytes(unsealed, NEW);
        assertThat(SnapshotSigning.signedContent(verifiedTree(bytes))).isEqualTo(hashedWhenUnsigned);
        assertThat(new String(hashedWhenUnsigned, StandardCharsets.UTF_8)).doesNotContain("signature")
                .doesNotContain("contentHash");
    }

    @Test
    void aTamperedSnapshotWithARecomputedHashIsRefused() throws Exception {
        ObjectNode tampered = (ObjectNode) verifiedTree(signedBytes(unsealed(7, false), NEW));
        ((ObjectNode) tampered.get("flags").get(0)).put("on", true); // whoever can write S3 turns the flag on
        tampered.remove("contentHash");
        byte[] resealed = SnapshotCodec.sealTree(tampered).bytes(); // and fixes the hash

        JsonNode tree = verifiedTree(resealed); // the hash alone cannot tell
        assertThatThrownBy(() -> SnapshotVerifier.trusting(List.of(NEW.getPublic())).verify(tree))
                .isInstanceOf(SnapshotSignatureException.class)
                .hasMessageContaining("does not match its content");
    }

    @Test
    void aSnapshotSignedByAnUntrustedKeyIsRefused() throws Exception {
        KeyPair forger = SigningKeys.generate();
        JsonNode tree = verifiedTree(signedBytes(unsealed(999_999, true), forger));
        assertThatThrownBy(() -> SnapshotVerifier.trusting(List.of(NEW.getPublic())).verify(tree))
                .isInstanceOf(SnapshotSignatureException.class)
                .hasMessage("snapshot is signed with key " + SigningKeys.keyId(forger.getPublic())
                        + ", which this client does not trust");
    }

    @Test
    void aForgerClaimingATrustedKeyIdIsRefused() throws Exception {
        KeyPair forger = SigningKeys.generate();
        ObjectNode signed = SnapshotSigning.signed(unsealed(999_999, true), content -> SnapshotSigning.sign(
                forger.getPrivate(), SigningKeys.keyId(NEW.getPublic()), content));
        JsonNode tree = verifiedTree(SnapshotCodec.sealTree(signed).bytes());
        assertThatThrownBy(() -> SnapshotVerifier.trusting(List.of(NEW.getPublic())).verify(tree))
                .isInstanceOf(SnapshotSignatureException.class)
                .hasMessageContaining("does not match its content");
    }

    @Test
    void anUnsignedSnapshotIsRefusedByAVerifier() throws Exception {
        JsonNode tree = verifiedTree(SnapshotCodec.sealTree(unsealed(3, true)).bytes());
        assertThatThrownBy(() -> SnapshotVerifier.trusting(List.of(NEW.getPublic())).verify(tree))
                .isInstanceOf(SnapshotSignatureException.class)
                .hasMessageStartingWith("snapshot is not signed");
    }

    @Test
    void malformedSignatureMembersAreRefusedWithTheReason() throws Exception {
        SnapshotVerifier verifier = SnapshotVerifier.trusting(List.of(NEW.getPublic()));
        ObjectNode doc = unsealed(3, true);
        doc.putObject("signature").put("alg", "RS256").put("keyId", "00").put("value", "x");
        JsonNode tree = verifiedTree(SnapshotCodec.sealTree(doc).bytes());
        assertThatThrownBy(() -> verifier.verify(tree)).hasMessage("signature.alg must be \"ES256\", got \"RS256\"");

        ObjectNode shortValue = unsealed(3, true);
        shortValue.putObject("signature").put("alg", "ES256").put("keyId", SigningKeys.keyId(NEW.getPublic()))
                .put("value", "AAAA");
        JsonNode tree2 = verifiedTree(SnapshotCodec.sealTree(shortValue).bytes());
        assertThatThrownBy(() -> verifier.verify(tree2)).hasMessage("signature.value must decode to 64 bytes, got 3");
    }

    @Test
    void rotationTrustsBothKeysAtOnce() throws Exception {
        SnapshotVerifier both = SnapshotVerifier.trusting(List.of(OLD.getPublic(), NEW.getPublic()));
        both.verify(verifiedTree(signedBytes(unsealed(1, true), OLD)));
        both.verify(verifiedTree(signedBytes(unsealed(2, true), NEW)));
        assertThat(both.keyIds()).containsExactlyInAnyOrder(SigningKeys.keyId(OLD.getPublic()),
                SigningKeys.keyId(NEW.getPublic()));

        SnapshotVerifier newOnly = SnapshotVerifier.trusting(List.of(NEW.getPublic()));
        JsonNode old = verifiedTree(signedBytes(unsealed(1, true), OLD));
        assertThatThrownBy(() -> newOnly.verify(old)).hasMessageContaining("does not trust");
    }

    @Test
    void derSignaturesAsKmsReturnsThemConvertToTheP1363Form() throws Exception {
        byte[] content = CanonicalJson.bytes(unsealed(5, true));
        for (int i = 0; i < 50; i++) { // r and s vary in length (leading zeros, sign bytes)
            Signature der = Signature.getInstance("SHA256withECDSA");
            der.initSign(NEW.getPrivate());
            der.update(content);
            byte[] p1363 = SigningKeys.derToP1363(der.sign());
            Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
            verify.initVerify(NEW.getPublic());
            verify.update(content);
            assertThat(verify.verify(p1363)).isTrue();
        }
        assertThatThrownBy(() -> SigningKeys.derToP1363(new byte[] {0x30, 0x02, 0x02, 0x00}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeysTravelAsPemAndTheirIdIsTheHashOfTheKey() throws Exception {
        String pem = SigningKeys.toPem(NEW.getPublic());
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(SigningKeys.parsePublicKey(pem)).isEqualTo(NEW.getPublic());
        assertThat(SigningKeys.keyId(SigningKeys.parsePublicKey(pem))).isEqualTo(SigningKeys.keyId(NEW.getPublic()));
        assertThat(SigningKeys.keyId(OLD.getPublic())).isNotEqualTo(SigningKeys.keyId(NEW.getPublic()));

        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String other = SigningKeys.toPem(p384.generateKeyPair().getPublic());
        assertThatThrownBy(() -> SigningKeys.parsePublicKey(other)).hasMessageContaining("P-256");
        assertThatThrownBy(() -> SigningKeys.parsePublicKey("-----BEGIN PRIVATE KEY-----\nAAAA\n"))
                .hasMessageContaining("PUBLIC KEY");
    }
}
