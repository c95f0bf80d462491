package dev.vexil.functions.store.dynamo;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * DynamoDB clients built on the URLConnection HTTP client: the shaded Lambda jar leaves out the Apache and Netty
 * clients, and URLConnection starts fastest.
 */
public final class DynamoDbClients {
    private DynamoDbClients() {
    }

    /**
     * For a Lambda function: region from {@code AWS_REGION} and credentials from the environment variables the
     * Lambda runtime sets, which skips the slower default provider chains on cold start.
     */
    public static DynamoDbClient forLambda() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        String region = System.getenv("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        return builder.build();
    }
}
