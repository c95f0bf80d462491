package dev.vexil.functions.compiler;

import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.push.ChangeNotifier;
import dev.vexil.functions.push.AppSyncEventsNotifier;
import dev.vexil.core.sign.SnapshotSigner;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.functions.publish.S3Clients;
import dev.vexil.functions.publish.S3SnapshotPublisher;
import dev.vexil.functions.sign.KmsSnapshotSigner;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The compiler Lambda's clients and adapters, built once per sandbox in static initialisation (so that they are
 * part of the SnapStart snapshot): DynamoDB and S3 clients on the URLConnection HTTP client, the table from
 * {@code VEXIL_TABLE}, the bucket from {@code VEXIL_BUCKET}, and the KMS signing key from {@code VEXIL_SIGNING_KEY}
 * (its public key is read here, once), and the push notifier when {@code VEXIL_PUSH_HTTP_DOMAIN} is set.
 */
final class LambdaWiring {
    private static final DynamoDbClient DYNAMODB = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create()).build();
    private static final S3Client S3 = S3Clients.fromEnvironment();
    private static final FlagRepository REPOSITORY = new DynamoDbFlagRepository(DYNAMODB, required("VEXIL_TABLE"));
    private static final SnapshotPublisher PUBLISHER = new S3SnapshotPublisher(S3, required("VEXIL_BUCKET"), true);
    private static final SnapshotSigner SIGNER = new KmsSnapshotSigner(KmsClient.builder()
            .httpClient(UrlConnectionHttpClient.create()).build(), required("VEXIL_SIGNING_KEY"));

    /** Push is on when the stack names the AppSync Events API's HTTP domain (docs/push.md). */
    private static final ChangeNotifier NOTIFIER = pushNotifier(System.getenv("VEXIL_PUSH_HTTP_DOMAIN"));

    private LambdaWiring() {
    }

    private static ChangeNotifier pushNotifier(String httpDomain) {
        return httpDomain == null || httpDomain.isBlank() ? null : AppSyncEventsNotifier.fromEnvironment(httpDomain);
    }

    /** The push notifier, or null when push is off. */
    static ChangeNotifier notifier() {
        return NOTIFIER;
    }

    static FlagRepository repository() {
        return REPOSITORY;
    }

    static SnapshotPublisher publisher() {
        return PUBLISHER;
    }

    static SnapshotSigner signer() {
        return SIGNER;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the compiler Lambda needs the environment variable " + name);
        }
        return value;
    }
}
