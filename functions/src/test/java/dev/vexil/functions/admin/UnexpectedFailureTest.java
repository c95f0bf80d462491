package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.store.FlagRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server-side failure is a 500 problem that hides its cause from the client and logs it as one JSON line. */
class UnexpectedFailureTest {
    @Test
    void anUnexpectedExceptionIsA500ProblemAndAJsonLogLine() {
        FlagRepository broken = (FlagRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FlagRepository.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("disk on fire");
                });
        AdminApiHandler handler = new AdminApiHandler(broken, Clock.systemUTC());
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/v1/projects/shop")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("iss", "https://id.example.com/", "sub", "someone")).build())
                                .build())
                        .build())
                .build();

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        APIGatewayV2HTTPResponse response;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            response = handler.handleRequest(event, null);
        } finally {
            System.setOut(original);
        }

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).doesNotContain("disk on fire");
        JsonNode problem = AdminFixture.json(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(500);
        assertThat(problem.path("type").asText()).isEqualTo("https://vexil.dev/problems/internal");

        String log = captured.toString(StandardCharsets.UTF_8).strip();
        assertThat(log.lines()).hasSize(1);
        JsonNode line = AdminFixture.json(log);
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("error").asText()).contains("disk on fire");
        assertThat(line.path("path").asText()).isEqualTo("/v1/projects/shop");
    }
}
