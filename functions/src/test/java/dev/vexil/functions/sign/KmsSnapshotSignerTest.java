package dev.vexil.functions.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotSigning;
import dev.vexil.snapshot.SnapshotVerifier;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyRequest;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The KMS adapter against a stand-in for KMS that signs a digest the way KMS does (DER ECDSA over the digest). */
class KmsSnapshotSignerTest {
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** KMS for one P-256 key: GetPublicKey gives the DER SubjectPublicKeyInfo, Sign with DIGEST signs it as given. */
    private static final class OneKeyKms implements KmsClient {
        final KeyPair key = SigningKeys.generate();
        final List<SignRequest> signRequests = new ArrayList<>();
        KeySpec spec = KeySpec.ECC_NIST_P256;

        @Override
        public GetPublicKeyResponse getPublicKey(Consumer<GetPublicKeyRequest.Builder> request) {
            GetPublicKeyRequest r = GetPublicKeyRequest.builder().applyMutation(request).build();
            assertThat(r.keyId()).isEqualTo(KEY_ARN);
            return GetPublicKeyResponse.builder().keyId(KEY_ARN).keySpec(spec)
                    .signingAlgorithms(SigningAlgorithmSpec.ECDSA_SHA_256)
                    .publicKey(SdkBytes.fromByteArray(key.getPublic().getEncoded())).build();
        }

        @Override
        public SignResponse sign(Consumer<SignRequest.Builder> request) {
            SignRequest r = SignRequest.builder().applyMutation(request).build();
            signRequests.add(r);
            if (r.messageType() != MessageType.DIGEST || r.message().asByteArray().length != 32
                    || r.signingAlgorithm() != SigningAlgorithmSpec.ECDSA_SHA_256) {
                throw new IllegalArgumentException("KMS would refuse this request");
            }
            try {
                Signature ecdsa = Signature.getInstance("NONEwithECDSA"); // signs the digest as given: KMS DIGEST mode
                ecdsa.initSign(key.getPrivate());
                ecdsa.update(r.message().asByteArray());
                return SignResponse.builder().keyId(KEY_ARN).signature(SdkBytes.fromByteArray(ecdsa.sign()))
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void signsTheDigestOfTheContentAndTheSnapshotVerifiesWithTheKmsPublicKey() throws Exception {
        OneKeyKms kms = new OneKeyKms();
        KmsSnapshotSigner signer = new KmsSnapshotSigner(kms, KEY_ARN);
        ObjectNode doc = (ObjectNode) SnapshotCodec.mapper().readTree("""
                {"schemaVersion":1,"project":"shop","environment":"prod","version":4,
                 "generatedAt":"2026-12-01T19:00:00Z","flags":[],"segments":[],"padding":"%s"}"""
                .formatted("x".repeat(10_000))); // beyond the 4 KB KMS takes as a raw message

        byte[] sealed = SnapshotCodec.sealTree(SnapshotSigning.signed(doc, signer::sign)).bytes();

        SnapshotVerifier.trusting(List.of(kms.key.getPublic())).verify(SnapshotCodec.readVerifiedTree(sealed));
        assertThat(signer.publicKey()).isEqualTo(kms.key.getPublic());
        assertThat(kms.signRequests).singleElement().satisfies(r -> assertThat(r.keyId()).isEqualTo(KEY_ARN));
        assertThat(SnapshotCodec.readVerifiedTree(sealed).get("signature").get("keyId").textValue())
                .isEqualTo(SigningKeys.keyId(kms.key.getPublic()));
    }

    @Test
    void aKeyOfAnotherSpecIsRefusedAtStart() {
        OneKeyKms kms = new OneKeyKms();
        kms.spec = KeySpec.RSA_2048;
        assertThatThrownBy(() -> new KmsSnapshotSigner(kms, KEY_ARN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ECC_NIST_P256");
    }
}
