package dev.vexil.functions.publish;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 clients built on the URLConnection HTTP client (the fastest cold start in Lambda). */
public final class S3Clients {
    private S3Clients() {
    }

    /** The Lambda's client: region and credentials from the function's environment. */
    public static S3Client fromEnvironment() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * A client for an S3-compatible endpoint (S3Proxy in tests, LocalStack), with path-style addressing so that
     * the bucket need not resolve as a host name. Checksums are only sent where an API requires them: the SDK's
     * default since 2.30 (an {@code aws-chunked} body with a trailing CRC) is not what every compatible store
     * reads to the end before it answers, and a store answering 412 mid-body breaks the connection under the
     * client.
     */
    public static S3Client forEndpoint(URI endpoint, Region region, AwsCredentialsProvider credentials,
                                       ExecutionInterceptor... interceptors) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(region)
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }
}
