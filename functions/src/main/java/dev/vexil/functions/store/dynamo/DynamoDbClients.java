package dev.vexil.functions.store.dynamo;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB clients built on the URLConnection HTTP client: the shaded Lambda jar leaves out the Apache and Netty
 * clients, and URLConnection starts fastest.
 */
public final class DynamoDbClients {
    private DynamoDbClients() {
    }

    /**
     * For a Lambda function. Credentials come from the default provider chain, not from the environment-variable
     * provider: with SnapStart, Lambda provides the function's credentials through the container credentials
     * endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), not as {@code AWS_ACCESS_KEY_ID}. The region comes
     * from {@code AWS_REGION}, which Lambda always sets, through the default region chain.
     */
    public static DynamoDbClient forLambda() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }
}
