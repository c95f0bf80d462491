package dev.vexil.functions.compiler;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A real S3 client whose next PutObject calls under one key prefix fail as S3 fails under load (503 SlowDown,
 * after the SDK's own retries). Everything else goes to the real endpoint.
 */
final class FlakyS3Client implements S3Client {
    private final S3Client delegate;
    private volatile String failingPrefix = "";
    private final AtomicInteger failuresLeft = new AtomicInteger();

    FlakyS3Client(S3Client delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} PutObject calls on keys starting with {@code prefix} fail. */
    void failNextPuts(String prefix, int count) {
        failingPrefix = prefix;
        failuresLeft.set(count);
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if (request.key().startsWith(failingPrefix) && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw (S3Exception) S3Exception.builder().statusCode(503)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").errorMessage("Please reduce your request rate.").build())
                    .message("Please reduce your request rate. (Service: S3, Status Code: 503)").build();
        }
        return delegate.putObject(request, body);
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        return delegate.headObject(request);
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        return delegate.getObject(request, transformer);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return delegate.getObject(request);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        return delegate.deleteObject(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
