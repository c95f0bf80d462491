package dev.vexil.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files on the admin port: no token needed, strict CSP, right types and caching, nothing else. */
class ConsoleServingTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalServices services;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() {
        services = LocalServices.start(new LocalConfig(0, 0, dataDir, "console-test-token"));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(services.adminBaseUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIndexIsServedWithoutATokenUnderAStrictPolicyAndNamesOnlyBundledFiles() throws Exception {
        HttpResponse<String> index = send("GET", "/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.body()).doesNotContain("<script>", "<style>", "style=\"");

        Matcher script = Pattern.compile("src=\"\\./(main-[A-Z0-9]+\\.js)\"").matcher(index.body());
        Matcher style = Pattern.compile("href=\"\\./(main-[A-Z0-9]+\\.css)\"").matcher(index.body());
        assertThat(script.find()).as(index.body()).isTrue();
        assertThat(style.find()).as(index.body()).isTrue();
        HttpResponse<String> js = send("GET", "/console/" + script.group(1));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        HttpResponse<String> css = send("GET", "/console/" + style.group(1));
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void anythingElseUnderTheConsoleIsRefusedAndTheApiStillNeedsTheToken() throws Exception {
        assertThat(send("GET", "/console/no-such-file.js").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/%2e%2e/vexil.db").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/dev/vexil/local/LocalServices.class").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send("POST", "/console/");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> bare = send("GET", "/console");
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
        assertThat(send("GET", "/v1/projects").statusCode()).as("the API is not opened by the console").isEqualTo(401);
        assertThat(send("GET", "/consoles").statusCode()).as("only /console/ is the console").isEqualTo(401);
    }

    @Test
    void theBannerPrintsTheOneClickSignInUrlOfThisPortAndToken() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StartupBanner.print(new PrintStream(out, true, StandardCharsets.UTF_8), services);
        String expected = "http://localhost:" + services.adminPort() + "/console/#token=console-test-token";
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("console    " + expected);
        assertThat(send("GET", "/console/").statusCode()).isEqualTo(200);
    }
}
