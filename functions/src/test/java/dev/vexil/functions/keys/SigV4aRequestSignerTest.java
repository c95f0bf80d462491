package dev.vexil.functions.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The KeyValueStore requests come out signed with SigV4A for the right host, path and scope (nothing is sent). */
class SigV4aRequestSignerTest {
    private static final KeyValueStoreArn ARN = KeyValueStoreArn.parse(
            "arn:aws:cloudfront::123456789012:key-value-store/0f3a2c1e-1111-2222-3333-444455556666");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T19:00:00Z"), ZoneOffset.UTC);
    private static final AwsSessionCredentialsIdentity CREDENTIALS = AwsSessionCredentialsIdentity.create(
            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example");

    private final KvsRequests requests = new KvsRequests(ARN.endpoint(), ARN);
    private final SigV4aRequestSigner signer = new SigV4aRequestSigner(StaticCredentialsProvider.create(
            AwsSessionCredentials.create(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(),
                    CREDENTIALS.sessionToken())), CLOCK);

    @Test
    void describeIsSignedWithSigV4aForTheGlobalRegionSet() {
        SdkHttpRequest signed = signer.sign(requests.describe()).request();

        assertThat(signed.host()).isEqualTo("123456789012.cloudfront-kvs.global.api.aws");
        assertThat(signed.protocol()).isEqualTo("https");
        assertThat(signed.encodedPath()).isEqualTo("/key-value-stores/"
                + "arn%3Aaws%3Acloudfront%3A%3A123456789012%3Akey-value-store%2F0f3a2c1e-1111-2222-3333-444455556666");
        assertThat(header(signed, "X-Amz-Date")).isEqualTo("20261201T190000Z");
        assertThat(header(signed, "X-Amz-Region-Set")).isEqualTo("*");
        assertThat(header(signed, "X-Amz-Security-Token")).isEqualTo("session-token-example");
        String authorization = header(signed, "Authorization");
        assertThat(authorization).startsWith("AWS4-ECDSA-P256-SHA256 "
                + "Credential=AKIDEXAMPLE/20261201/cloudfront-keyvaluestore/aws4_request, SignedHeaders=");
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        assertThat(Set.of(signedHeaders.split(";"))).contains("host", "x-amz-date", "x-amz-region-set",
                "x-amz-security-token");
        // An ECDSA P-256 signature, DER-encoded, in hex: 70 to 72 bytes.
        assertThat(authorization).containsPattern("Signature=[0-9a-f]{140,144}$");
        assertThat(authorization).doesNotContain(CREDENTIALS.secretAccessKey());
    }

    @Test
    void updateKeysSignsItsBodyAndKeepsIfMatch() throws IOException {
        SigV4aRequestSigner.Signed signed = signer.sign(requests.updateKeys("ETAG7",
                Map.of("a".repeat(64), "shop/prod"), Set.of("b".repeat(64))));

        assertThat(signed.request().method().name()).isEqualTo("POST");
        assertThat(signed.request().encodedPath()).endsWith("%2F0f3a2c1e-1111-2222-3333-444455556666/keys");
        assertThat(header(signed.request(), "If-Match")).isEqualTo("ETAG7");
        assertThat(header(signed.request(), "Content-Type")).isEqualTo("application/json");
        assertThat(header(signed.request(), "Authorization")).contains("content-type", "if-match");
        String body = new String(signed.payload().newStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"Puts\":[{\"Key\":\"" + "a".repeat(64) + "\",\"Value\":\"shop/prod\"}],"
                + "\"Deletes\":[{\"Key\":\"" + "b".repeat(64) + "\"}]}");
    }

    @Test
    void twoSigningsOfTheSameRequestDifferBecauseEcdsaIsRandomized() {
        String first = header(signer.sign(requests.describe()).request(), "Authorization");
        String second = header(signer.sign(requests.describe()).request(), "Authorization");

        assertThat(first.substring(0, first.indexOf("Signature=")))
                .isEqualTo(second.substring(0, second.indexOf("Signature=")));
        assertThat(first).isNotEqualTo(second);
    }

    private static String header(SdkHttpRequest request, String name) {
        return request.firstMatchingHeader(name).orElseThrow(() -> new AssertionError("no header " + name));
    }
}
