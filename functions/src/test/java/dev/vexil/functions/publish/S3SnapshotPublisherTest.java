package dev.vexil.functions.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.publish.PublishOutcome;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.publish.SnapshotPublisherContract;
import dev.vexil.core.publish.TestSnapshots;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The publisher contract against S3Proxy 4.1.0 embedded in this JVM. */
class S3SnapshotPublisherTest extends SnapshotPublisherContract {
    private static final String BUCKET = "vexil-snapshots";
    private static S3ProxyFixture s3proxy;
    private static S3Client s3;
    private static S3Client otherS3;

    @BeforeAll
    static void startS3() {
        s3proxy = S3ProxyFixture.start();
        s3 = s3proxy.client();
        otherS3 = s3proxy.client();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        otherS3.close();
        s3proxy.close();
    }

    @Override
    protected SnapshotPublisher publisher() {
        return new S3SnapshotPublisher(s3, BUCKET);
    }

    @Override
    protected SnapshotPublisher secondPublisher() {
        return new S3SnapshotPublisher(otherS3, BUCKET);
    }

    @Test
    void aHeadOfTheCurrentObjectTellsItsVersionAndContentHash() {
        var snapshot = TestSnapshots.sealed("head-check", "staging", 12);
        publisher().publish(snapshot);

        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(SnapshotLayout.current("head-check", "staging")));
        assertThat(head.metadata())
                .containsEntry("vexil-version", "12")
                .containsEntry("vexil-content-hash", snapshot.contentHash());
    }

    @Test
    void versionObjectsAreWrittenWithTheTagTheLifecycleRuleExpires() {
        List<SdkHttpRequest> puts = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                SdkHttpRequest request = context.httpRequest();
                if (request.method() != SdkHttpMethod.PUT) {
                    return request;
                }
                puts.add(request);
                // What S3 would store; S3Proxy answers 501 to object tags, so they stop here.
                return request.toBuilder().removeHeader("x-amz-tagging").build();
            }
        };
        try (S3Client recording = S3Clients.forEndpoint(s3proxy.endpoint(), Region.US_EAST_1, s3proxy.credentials(),
                recorder)) {
            assertThat(new S3SnapshotPublisher(recording, BUCKET, true).publish(TestSnapshots.sealed("tag-check", "staging", 3)))
                    .isEqualTo(PublishOutcome.PUBLISHED);
        }

        assertThat(puts).filteredOn(r -> r.encodedPath().endsWith("/v/00000000000000000003.json")).singleElement()
                .satisfies(r -> assertThat(r.firstMatchingHeader("x-amz-tagging")).hasValue("vexil-object=snapshot-version"));
        assertThat(puts).filteredOn(r -> r.encodedPath().endsWith("/current.json")).singleElement()
                .satisfies(r -> assertThat(r.firstMatchingHeader("x-amz-tagging")).isEmpty());
        assertThat(publisher().read(SnapshotLayout.version("tag-check", "staging", 3))).isPresent();
    }
}
