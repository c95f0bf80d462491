package dev.vexil.it;

import dev.vexil.it.stack.AwsWiring;
import dev.vexil.it.stack.Stack;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The AWS-wiring scenarios against LocalStack: its DynamoDB with a real DynamoDB Stream (read by the stream harness
 * through the Streams API) and its S3. Opt-in ({@code -Plocalstack}); needs Docker, and is skipped without it.
 */
@Tag("localstack")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackScenariosTest extends EndToEndScenarios {
    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer("localstack/localstack:4.9").withServices("dynamodb", "s3");

    @Override
    protected Stack startStack() {
        return AwsWiring.onLocalStack(LOCALSTACK.getEndpoint(), LOCALSTACK.getRegion(),
                LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey());
    }
}
