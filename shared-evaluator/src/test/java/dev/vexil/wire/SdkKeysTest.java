package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SDK-key shape and hash, as the admin API issues keys and both edges check them. */
class SdkKeysTest {
    @Test
    void theHashIsLowercaseHexSha256OfTheSecret() {
        assertThat(SdkKeys.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(SdkKeys.hash("é")).as("of the UTF-8 bytes")
                .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    }

    @Test
    void anIssuedSecretIsSdkDashAnd43Base64UrlCharactersAndNeverRepeats() {
        String issued = SdkKeys.newSecret();
        assertThat(issued).matches("sdk-[A-Za-z0-9_-]{43}").hasSize(SdkKeys.LENGTH).startsWith(SdkKeys.PREFIX);
        assertThat(SdkKeys.newSecret()).isNotEqualTo(issued);
        assertThat(SdkKeys.hash(issued)).matches("[0-9a-f]{64}");
    }

    @Test
    void onlyTheShapeOfAnIssuedKeyIsWellFormed() {
        String issued = SdkKeys.newSecret();
        assertThat(SdkKeys.isWellFormed(issued)).isTrue();
        assertThat(SdkKeys.isWellFormed(null)).isFalse();
        assertThat(SdkKeys.isWellFormed("")).isFalse();
        assertThat(SdkKeys.isWellFormed(issued.substring(0, 46))).as("one character short").isFalse();
        assertThat(SdkKeys.isWellFormed(issued + "A")).as("one character long").isFalse();
        assertThat(SdkKeys.isWellFormed("key-" + issued.substring(4))).as("wrong prefix").isFalse();
        assertThat(SdkKeys.isWellFormed(issued.substring(0, 46) + "=")).as("padding").isFalse();
        assertThat(SdkKeys.isWellFormed(issued.substring(0, 46) + "+")).as("base64, not base64url").isFalse();
        assertThat(SdkKeys.isWellFormed(issued.substring(0, 46) + "é")).as("non-ASCII").isFalse();
    }
}
