package dev.vexil.it.stack.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.vexil.local.http.AdminHttpAdapter;
import dev.vexil.local.http.BearerTokenAuthenticator;
import dev.vexil.local.http.RestartableHttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Lambda handler behind the local gateway gets the event API Gateway would send, and its response goes back. */
class ApiGatewayBackendTest {
    private static final String TOKEN = "vxl-test-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = (event, context) -> {
        seen.set(event);
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(201);
        response.setHeaders(Map.of("Content-Type", "application/json", "ETag", "\"3\""));
        response.setBody("{\"ok\":true}");
        return response;
    };
    private RestartableHttpServer server;

    private URI start(PrincipalClaim claim) {
        AdminHttpAdapter adapter = new AdminHttpAdapter(new ApiGatewayBackend(
                (event, context) -> handler.handleRequest(event, context), claim, "test-admin"),
                new BearerTokenAuthenticator("local-admin", TOKEN), Clock.systemUTC());
        server = new RestartableHttpServer("test-admin",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), adapter, 2).start();
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void mapsMethodPathQueryHeadersBodyAndPrincipalLikeApiGateway() throws Exception {
        URI base = start(PrincipalClaim.JWT_SUB);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        base.resolve("/v1/projects/demo/flags?tag=ui&tag=checkout&cursor=a%2Fb&limit=5"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-Custom-Thing", "One")
                .header("If-Match", "\"2\"")
                .header("X-Vexil-Principal", "alice@example.com")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Grüße\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("etag")).contains("\"3\"");
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        APIGatewayV2HTTPEvent event = seen.get();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRawPath()).isEqualTo("/v1/projects/demo/flags");
        assertThat(event.getRawQueryString()).isEqualTo("tag=ui&tag=checkout&cursor=a%2Fb&limit=5");
        assertThat(event.getQueryStringParameters())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tag", "ui,checkout", "cursor", "a/b", "limit", "5"));
        assertThat(event.getHeaders()).containsEntry("x-custom-thing", "One").containsEntry("if-match", "\"2\"")
                .containsEntry("content-type", "application/json");
        assertThat(event.getHeaders().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(event.getBody()).isEqualTo("{\"name\":\"Grüße\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("PATCH");
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo("/v1/projects/demo/flags");
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("sub", "alice@example.com");
        assertThat(event.getRequestContext().getAuthorizer().getIam()).isNull();
    }

    @Test
    void principalIsTheTokenNameWithoutHeaderAndCanBeAnIamArn() throws Exception {
        URI base = start(PrincipalClaim.IAM_USER_ARN);
        http.send(HttpRequest.newBuilder(base.resolve("/v1/projects")).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());

        APIGatewayV2HTTPEvent event = seen.get();
        assertThat(event.getRequestContext().getAuthorizer().getIam().getUserArn()).isEqualTo("local-admin");
        assertThat(event.getRequestContext().getAuthorizer().getJwt()).isNull();
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getBody()).isNull();
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
    }

    @Test
    void binaryBodiesArriveBase64EncodedAndBase64ResponsesAreDecoded() throws Exception {
        byte[] binary = {0, (byte) 0xff, 0x10, (byte) 0xc3};
        handler = (event, context) -> {
            seen.set(event);
            APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
            response.setStatusCode(200);
            response.setBody(Base64.getEncoder().encodeToString(binary));
            response.setIsBase64Encoded(true);
            return response;
        };
        URI base = start(PrincipalClaim.JWT_SUB);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/blob"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(seen.get().getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(seen.get().getBody())).isEqualTo(binary);
        assertThat(response.body()).isEqualTo(binary);
    }

    @Test
    void missingOrWrongTokenGets401ProblemAndNeverReachesTheHandler() throws Exception {
        URI base = start(PrincipalClaim.JWT_SUB);
        for (List<String> authorization : List.of(List.<String>of(), List.of("Bearer wrong"), List.of(TOKEN),
                List.of("Basic " + Base64.getEncoder().encodeToString(("x:" + TOKEN).getBytes(StandardCharsets.UTF_8))))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/projects"))
                    .header("X-Vexil-Principal", "mallory");
            authorization.forEach(value -> request.header("Authorization", value));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("Authorization %s", authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.body()).contains("\"status\":401");
        }
        assertThat(seen.get()).isNull();
    }

    @Test
    void aHandlerThatThrowsGives500Problem() throws Exception {
        handler = (event, context) -> {
            throw new IllegalStateException("boom");
        };
        URI base = start(PrincipalClaim.JWT_SUB);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/projects"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    }
}
