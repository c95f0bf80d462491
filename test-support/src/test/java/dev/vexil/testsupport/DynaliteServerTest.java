package dev.vexil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynaliteServerTest {

    @Test
    void servesDynamoDbOnLoopbackAndStopsByPid() {
        long pid;
        try (DynaliteServer server = DynaliteServer.start();
             DynamoDbClient client = server.newClient()) {
            pid = server.pid();
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            client.createTable(b -> b.tableName("vexil-test")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            assertThat(client.listTables().tableNames()).containsExactly("vexil-test");
            assertThat(ProcessHandle.of(pid)).get().satisfies(h -> assertThat(h.isAlive()).isTrue());
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("dynalite process %s is gone after close()", pid).isEmpty();
    }

    @Test
    void serversAreIndependent() {
        try (DynaliteServer a = DynaliteServer.start(); DynaliteServer b = DynaliteServer.start();
             DynamoDbClient clientA = a.newClient(); DynamoDbClient clientB = b.newClient()) {
            assertThat(a.endpoint()).isNotEqualTo(b.endpoint());
            clientA.createTable(r -> r.tableName("only-in-a")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            assertThat(clientB.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void explainsAMissingNode() {
        String previous = System.setProperty("vexil.node", "/nonexistent/node");
        try {
            assertThatThrownBy(DynaliteServer::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Node.js is needed").hasMessageContaining("/nonexistent/node");
        } finally {
            restore("vexil.node", previous);
        }
    }

    @Test
    void explainsAMissingDynaliteInstallation() {
        String previous = System.setProperty("vexil.dynalite.cli", "/nonexistent/cli.js");
        try {
            assertThatThrownBy(DynaliteServer::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dynalite is not installed at /nonexistent/cli.js")
                    .hasMessageContaining("npm ci");
        } finally {
            restore("vexil.dynalite.cli", previous);
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
