package dev.vexil.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local gateway in front of the admin API: what reaches the backend, and what the caller gets back. */
class AdminHttpAdapterTest {
    private static final String TOKEN = "vxl-test-token";
    private static final ObjectMapper JSON = AdminJson.newMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<HttpCall> seen = new AtomicReference<>();
    private RestartableHttpServer server;
    private SqliteFlagRepository repository;

    private URI start(HttpBackend backend) {
        AdminHttpAdapter adapter = new AdminHttpAdapter(backend, new BearerTokenAuthenticator("local-admin", TOKEN),
                Clock.systemUTC());
        server = new RestartableHttpServer("test-admin", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                adapter, 2).start();
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private HttpBackend recording(HttpReply reply) {
        return call -> {
            seen.set(call);
            return reply;
        };
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (repository != null) {
            repository.close();
        }
    }

    @Test
    void theAdminApiServesTheRequestAsTheAuthenticatedPrincipal() throws Exception {
        repository = new SqliteFlagRepository(dir.resolve("vexil.db"));
        URI base = start(new AdminApiBackend(new AdminApi(repository, Clock.systemUTC(), JSON), JSON));

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/v1/projects"))
                .header("Authorization", "Bearer " + TOKEN).header("X-Vexil-Principal", "alice@example.com")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"shop\",\"name\":\"Shop\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("content-type")).contains("application/json");
        assertThat(created.headers().firstValue("etag")).contains("\"1\"");
        JsonNode project = JSON.readTree(created.body());
        assertThat(project.path("roles").path("alice@example.com").asText()).isEqualTo("admin");

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(base.resolve("/v1/nowhere"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(JSON.readTree(missing.body()).path("instance").asText()).isEqualTo("/v1/nowhere");
    }

    @Test
    void requestsArriveNormalisedAsApiGatewayPassesThemOn() throws Exception {
        URI base = start(recording(new HttpReply(204, Map.of(), new byte[0])));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        base.resolve("/v1/projects/demo/flags?tag=ui&tag=checkout&cursor=a%2Fb"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-Custom-Thing", "One")
                .header("Cookie", "a=1; b=2")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Grüße\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        HttpCall call = seen.get();
        assertThat(call.method()).isEqualTo("PATCH");
        assertThat(call.rawPath()).isEqualTo("/v1/projects/demo/flags");
        assertThat(call.rawQuery()).isEqualTo("tag=ui&tag=checkout&cursor=a%2Fb");
        assertThat(call.queryParameters())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tag", "ui,checkout", "cursor", "a/b"));
        assertThat(call.headers()).containsEntry("x-custom-thing", "One").doesNotContainKey("cookie");
        assertThat(call.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(call.cookies()).containsExactly("a=1", "b=2");
        assertThat(call.body()).isEqualTo("{\"name\":\"Grüße\"}");
        assertThat(call.base64Body()).isFalse();
        assertThat(call.principal()).isEqualTo("local-admin");
    }

    @Test
    void binaryBodiesArriveBase64EncodedAndRepliesAreSentAsBytes() throws Exception {
        byte[] binary = {0, (byte) 0xff, 0x10, (byte) 0xc3};
        URI base = start(recording(new HttpReply(200, Map.of("Content-Type", List.of("application/octet-stream")),
                binary)));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/blob"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(seen.get().base64Body()).isTrue();
        assertThat(Base64.getDecoder().decode(seen.get().body())).isEqualTo(binary);
        assertThat(seen.get().queryParameters()).isNull();
        assertThat(response.body()).isEqualTo(binary);
    }

    @Test
    void withoutTheTokenThe401ComesFromTheGatewayAndABackendFailureIsA500() throws Exception {
        URI base = start(call -> {
            seen.set(call);
            throw new IllegalStateException("boom");
        });
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(base.resolve("/v1/projects")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(seen.get()).isNull();

        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(base.resolve("/v1/projects"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(seen.get()).isNotNull();
    }
}
