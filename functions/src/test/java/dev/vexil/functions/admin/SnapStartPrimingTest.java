package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vexil.functions.store.DynamoDbFlagRepository;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapStartPrimingTest {
    @TempDir
    Path directory;

    @Test
    void beforeCheckpointRunsEveryStepAndWritesNothing() {
        try (AdminFixture api = new AdminFixture(directory)) {
            String p = api.project("priming", "production");
            String projectsBefore = api.get("/v1/projects").expect(200).text();
            int changes = api.changes.get();

            assertThatCode(() -> api.handler.primer().beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThat(api.handler.primer().prime()).as("failed priming steps").isZero();

            assertThat(api.changes.get()).isEqualTo(changes);
            assertThat(api.get("/v1/projects").expect(200).text()).isEqualTo(projectsBefore);
            assertThat(api.repository.getProject(AdminPrimer.IMPOSSIBLE_PROJECT)).isEmpty();
            assertThat(api.repository.listEnvironments(p)).hasSize(1);
            assertThat(api.repository.listFlagDefinitions(p, null, null, 10).items()).isEmpty();
            assertThat(api.repository.loadEnvironmentState(p, "production", List.of()).flags()).isEmpty();
        }
    }

    /** As in a build environment without AWS credentials: the store step fails, is logged, and priming goes on. */
    @Test
    void aStoreWithoutCredentialsDoesNotBreakPriming() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("no credentials at build time");
        };
        try (DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(none)
                .build()) {
            AdminApiHandler handler = new AdminApiHandler(new DynamoDbFlagRepository(client, "vexil"), Clock.systemUTC());
            assertThatCode(() -> handler.primer().beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThat(handler.primer().prime()).as("only the store step fails").isEqualTo(1);
        }
    }
}
