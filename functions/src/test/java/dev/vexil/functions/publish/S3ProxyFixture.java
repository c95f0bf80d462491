package dev.vexil.functions.publish;

import dev.vexil.functions.publish.awssdk.AtomicConditionalBlobStore;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 4.1.0 embedded in the test JVM: an in-memory (transient) blobstore behind a real S3 HTTP endpoint on a
 * free loopback port, with SigV4 checked against dummy keys. Clients use path-style addressing. Conditional
 * PutObject is atomic here as on S3 ({@link AtomicConditionalBlobStore} says why that needs help).
 */
public final class S3ProxyFixture implements AutoCloseable {
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyFixture(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public static S3ProxyFixture start() {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new AtomicConditionalBlobStore(new TransientNio2BlobStore()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.onSpinWait();
            }
            return new S3ProxyFixture(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this endpoint, built the way the Lambda builds its own (URLConnection HTTP client). */
    public S3Client client() {
        return S3Clients.forEndpoint(endpoint, Region.US_EAST_1, credentials());
    }

    /** The dummy keys S3Proxy checks signatures against. */
    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
