package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vexil.core.admin.http.Route;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/openapi.yaml and the router must describe the same operations, in both directions. */
class OpenApiDocumentTest {
    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    static Path directory;
    static JsonNode document;
    static Set<String> routerOperations;
    static java.util.List<Route> routes;

    @BeforeAll
    static void load() throws Exception {
        document = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DOCUMENT));
        try (SqliteFlagRepository repository = new SqliteFlagRepository(directory.resolve("openapi.db"))) {
            routerOperations = new TreeSet<>();
            routes = new AdminApiHandler(repository, Clock.systemUTC()).api().router().routes();
            for (Route route : routes) {
                routerOperations.add(route.signature());
            }
        }
    }

    private static Set<String> documentOperations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> keys = document.path("paths").path(path).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (METHODS.contains(key)) {
                    operations.add(key.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    @Test
    void isOpenApi31() {
        assertThat(document.path("openapi").asText()).startsWith("3.1");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() {
        Set<String> documented = documentOperations();
        Set<String> undocumented = new TreeSet<>(routerOperations);
        undocumented.removeAll(documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routerOperations);
        assertThat(undocumented).as("routes missing from docs/openapi.yaml").isEmpty();
        assertThat(unrouted).as("documented operations the router does not serve").isEmpty();
        assertThat(routerOperations).hasSizeGreaterThanOrEqualTo(23);
    }

    @Test
    void theWritesThatCanGrowAnEnvironmentDocumentTheSnapshotSizeLimit() {
        String limit = "#/components/responses/TooLargeOrSnapshotTooLarge";
        assertThat(document.at("/paths/~1v1~1projects~1{project}~1flags~1{flag}/put/responses/413/$ref").asText())
                .isEqualTo(limit);
        String env = "~1v1~1projects~1{project}~1environments~1{env}";
        assertThat(document.at("/paths/" + env + "~1flags~1{flag}/put/responses/413/$ref").asText()).isEqualTo(limit);
        assertThat(document.at("/paths/" + env + "~1flags~1{flag}~1rollback/post/responses/413/$ref").asText())
                .isEqualTo(limit);
        assertThat(document.at("/paths/" + env + "~1segments~1{segment}/put/responses/413/$ref").asText())
                .isEqualTo(limit);
        assertThat(document.at("/components/responses/TooLargeOrSnapshotTooLarge/content/application~1problem+json"
                + "/example/limitBytes").asLong()).isEqualTo(dev.vexil.core.compiler.SnapshotLimits.MAX_GZIP_BYTES);
    }

    @Test
    void everyPathParameterIsDeclared() {
        Pattern variable = Pattern.compile("\\{([^}]+)}");
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            JsonNode item = document.path("paths").path(path);
            Matcher m = variable.matcher(path);
            while (m.find()) {
                String name = m.group(1);
                assertThat(declaredPathParameters(item)).as(path).contains(name);
            }
        }
    }

    @Test
    void everyWriteDocuments429AndEveryCreateUnderAQuotaDocumentsTheQuota409() {
        for (Route route : routes) {
            String pointer = "/paths/" + route.template().toString().replace("/", "~1") + "/"
                    + route.method().toLowerCase(Locale.ROOT) + "/responses";
            boolean write = !"GET".equals(route.method());
            assertThat(document.at(pointer + "/429/$ref").asText()).as(route.method() + " " + route.template())
                    .isEqualTo(write ? "#/components/responses/TooManyWrites" : "");
        }
        String env = "~1v1~1projects~1{project}~1environments~1{env}";
        assertThat(document.at("/paths/~1v1~1projects~1{project}~1environments/post/responses/409/$ref").asText())
                .isEqualTo("#/components/responses/ConflictOrQuotaExceeded");
        assertThat(document.at("/paths/~1v1~1projects~1{project}~1flags~1{flag}/put/responses/409/$ref").asText())
                .isEqualTo("#/components/responses/ConflictOrQuotaExceeded");
        assertThat(document.at("/paths/" + env + "~1segments~1{segment}/put/responses/409/$ref").asText())
                .isEqualTo("#/components/responses/ConflictOrQuotaExceeded");
        assertThat(document.at("/paths/" + env + "~1sdk-keys/post/responses/409/$ref").asText())
                .isEqualTo("#/components/responses/QuotaExceeded");
        assertThat(document.at("/components/responses/TooManyWrites/headers/Retry-After").isMissingNode()).isFalse();
    }

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> keys = document.path("paths").path(path).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (METHODS.contains(key)) {
                    JsonNode responses = document.path("paths").path(path).path(key).path("responses");
                    assertThat(responses.has("401")).as(key + " " + path).isTrue();
                }
            }
        }
        assertThat(document.at("/components/schemas/Problem/required").toString())
                .contains("type", "title", "status", "detail", "instance", "errors");
        assertThat(document.at("/components/headers/ETag").isMissingNode()).isFalse();
        assertThat(document.at("/components/parameters/Comment/name").asText()).isEqualTo("X-Vexil-Comment");
    }

    private static Set<String> declaredPathParameters(JsonNode pathItem) {
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : pathItem.path("parameters")) {
            JsonNode resolved = parameter.has("$ref") ? resolve(parameter.path("$ref").asText()) : parameter;
            if ("path".equals(resolved.path("in").asText())) {
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    private static JsonNode resolve(String ref) {
        return document.at(ref.substring(1));
    }
}
