package dev.vexil.it.stack;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** S3Proxy 4.1.0 in the test JVM: an in-memory (transient) blobstore behind a real S3 endpoint on a free port. */
final class EmbeddedS3 implements AutoCloseable {
    static final String ACCESS_KEY = "it-access-key";
    static final String SECRET_KEY = "it-secret-key";

    private final S3Proxy proxy;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static EmbeddedS3 start() {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new EmbeddedS3(proxy);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
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
