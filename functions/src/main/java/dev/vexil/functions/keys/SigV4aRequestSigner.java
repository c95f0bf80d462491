package dev.vexil.functions.keys;

import java.time.Clock;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.RegionSet;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Signs KeyValueStore requests with SigV4A (ECDSA P-256, region set "*"), which the KeyValueStore API requires
 * because the store is global. The signer is the AWS SDK's CRT-based {@link AwsV4aHttpSigner}
 * (software.amazon.awssdk:http-auth-aws-crt); credentials are resolved per request so that rotated Lambda
 * credentials (and those restored after a SnapStart snapshot) are always current.
 */
final class SigV4aRequestSigner {
    static final String SIGNING_NAME = "cloudfront-keyvaluestore";

    private final AwsV4aHttpSigner signer = AwsV4aHttpSigner.create();
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Clock clock;

    SigV4aRequestSigner(IdentityProvider<? extends AwsCredentialsIdentity> credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    Signed sign(SdkHttpFullRequest request) {
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = signer.sign(r -> r
                .identity(identity)
                .request(request)
                .payload(request.contentStreamProvider().orElse(null))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4aHttpSigner.REGION_SET, RegionSet.GLOBAL)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return new Signed(signed.request(), signed.payload().orElse(null));
    }

    /** A signed request and the payload it was signed with (null for none). */
    record Signed(SdkHttpRequest request, ContentStreamProvider payload) {
    }
}
