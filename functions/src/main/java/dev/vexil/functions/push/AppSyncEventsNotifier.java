package dev.vexil.functions.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.push.ChangeNotifier;
import dev.vexil.wire.ChangeNotification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * The compiler's {@link ChangeNotifier} on AWS: one {@code POST https://<http domain>/event} per notification,
 * {@code {"channel": "/vexil/…", "events": ["<notification JSON>"]}}, signed with SigV4 (service {@code appsync})
 * by the AWS SDK's signer with the function's role, which may only {@code appsync:EventPublish} on the
 * {@code vexil} namespace. A non-2xx answer throws; the compiler logs it as {@code PushFailures} and the publish
 * stands (SDKs poll).
 */
public final class AppSyncEventsNotifier implements ChangeNotifier {
    static final String SIGNING_NAME = "appsync";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final SdkHttpClient http;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** {@code endpoint}: {@code https://<id>.appsync-api.<region>.amazonaws.com/event}. */
    public AppSyncEventsNotifier(URI endpoint, String region, IdentityProvider<? extends AwsCredentialsIdentity>
            credentials, SdkHttpClient http, Clock clock) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
    }

    /** The API named by {@code VEXIL_PUSH_HTTP_DOMAIN} in {@code AWS_REGION}, with the function's credentials. */
    public static AppSyncEventsNotifier fromEnvironment(String httpDomain) {
        return new AppSyncEventsNotifier(URI.create("https://" + httpDomain + "/event"), System.getenv("AWS_REGION"),
                DefaultCredentialsProvider.builder().build(), UrlConnectionHttpClient.create(), Clock.systemUTC());
    }

    @Override
    public void notify(String channel, ChangeNotification notification) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel);
        body.putArray("events").add(notification.toJson());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(ContentStreamProvider.fromByteArray(bytes))
                .build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = signer.sign(r -> r
                .identity(identity)
                .request(request)
                .payload(request.contentStreamProvider().orElse(null))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            int status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                String text = "";
                if (response.responseBody().isPresent()) {
                    try (InputStream in = response.responseBody().get()) {
                        text = new String(in.readNBytes(1000), StandardCharsets.UTF_8);
                    }
                }
                throw new IllegalStateException("AppSync Events publish answered HTTP " + status + ": " + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("AppSync Events publish failed: " + e.getMessage(), e);
        }
    }
}
