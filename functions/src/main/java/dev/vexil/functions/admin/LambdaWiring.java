package dev.vexil.functions.admin;

import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.FlagRepository;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The admin Lambda's AWS wiring, created once per execution environment by class initialisation (so that it is
 * part of a SnapStart snapshot). A class of its own so that local mode and tests, which build the handler over
 * another repository, never initialise an AWS client.
 *
 * <p>Credentials come from the default provider chain, not from the environment-variable provider: with
 * SnapStart, Lambda provides the function's credentials through the container credentials endpoint
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), not as {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}.
 * The region comes from {@code AWS_REGION}, which Lambda always sets.
 */
final class LambdaWiring {
    static final String TABLE_VARIABLE = "VEXIL_TABLE";

    static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .build();

    static final FlagRepository REPOSITORY = new DynamoDbFlagRepository(DYNAMO_DB, tableName());

    private LambdaWiring() {
    }

    private static String tableName() {
        String table = System.getenv(TABLE_VARIABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE_VARIABLE + " is not set: it must name the Vexil DynamoDB table");
        }
        return table;
    }
}
