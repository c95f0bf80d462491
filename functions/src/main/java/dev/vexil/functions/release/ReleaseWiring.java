package dev.vexil.functions.release;

import dev.vexil.core.release.ReleaseAutomation;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Release automation's AWS wiring from the environment: {@value #TABLE_VARIABLE} names the release table (unset:
 * release automation is not deployed, and its admin routes answer 501), guards are CloudWatch alarms.
 */
public final class ReleaseWiring {
    public static final String TABLE_VARIABLE = "VEXIL_RELEASE_TABLE";
    public static final String TOPIC_VARIABLE = "VEXIL_GUARD_TOPIC_ARN";

    private ReleaseWiring() {
    }

    /** The release automation of this function, or null when {@value #TABLE_VARIABLE} is unset. */
    public static ReleaseAutomation fromEnvironment(DynamoDbClient dynamo) {
        String table = System.getenv(TABLE_VARIABLE);
        if (table == null || table.isBlank()) {
            return null;
        }
        CloudWatchClient cloudWatch = CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        return new ReleaseAutomation(new DynamoDbReleaseStore(dynamo, table), new CloudWatchGuardAlarms(cloudWatch));
    }

    public static SnsGuardNotifier notifierFromEnvironment(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return new SnsGuardNotifier(SnsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build(), required(TOPIC_VARIABLE),
                mapper);
    }

    public static ReleaseAutomation required(DynamoDbClient dynamo) {
        ReleaseAutomation release = fromEnvironment(dynamo);
        if (release == null) {
            throw new IllegalStateException(TABLE_VARIABLE + " is not set: it must name the release table");
        }
        return release;
    }

    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the environment variable " + name + " is not set");
        }
        return value;
    }
}
