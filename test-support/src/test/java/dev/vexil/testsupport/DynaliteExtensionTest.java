package dev.vexil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class DynaliteExtensionTest {
    private static DynaliteServer fromBeforeAll;

    @BeforeAll
    static void remember(DynaliteServer server) {
        fromBeforeAll = server;
    }

    @Test
    void sharesOneRunningServerPerRun(DynaliteServer server) {
        assertThat(server).isSameAs(fromBeforeAll);
        assertThat(server.isRunning()).isTrue();
        try (DynamoDbClient client = server.newClient()) {
            assertThat(client.listTables().tableNames()).isNotNull();
        }
    }
}
