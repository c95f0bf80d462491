package dev.vexil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.eval.Context;
import dev.vexil.it.stack.LocalWiring;
import dev.vexil.local.StartupBanner;
import dev.vexil.sdk.VexilClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The admin console in a real browser (Debian's headless Chromium) against a running local stack: each journey
 * does what a user does, checks what the user sees, and checks the effect through the API or a real SDK client.
 * One browser and one stack serve all journeys (the change-request journey opens a second tab, signed in as a
 * second principal).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleJourneysTest {
    private static final String PROJECT = "demo";
    private static final String ENV = "development";
    private static final String CONFIG = "/v1/projects/demo/environments/development/flags/";

    private LocalWiring stack;
    private AdminApi api;
    private ConsoleBrowser browser;
    private VexilClient sdk;
    private VexilClient productionSdk;
    private String origin;
    private String bannerUrl;
    private String devKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        // Never skipped: .ci/run installs the browser; without it the journeys fail and say what to install.
        assertThat(ConsoleBrowser.installed()).as("the console journeys need " + ConsoleBrowser.CHROMIUM + " and "
                + ConsoleBrowser.CHROMEDRIVER + ": apt-get install chromium chromium-driver").isTrue();
        // The scheduler ticks every second, so a rollout's next step arrives while the journey watches.
        stack = new LocalWiring(Files.createTempDirectory("vexil-console"), Duration.ofSeconds(1));
        api = new AdminApi(stack.adminBaseUrl(), stack.adminToken());
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        StartupBanner.print(new PrintStream(banner, true, StandardCharsets.UTF_8), stack.services());
        Matcher url = Pattern.compile("console\\s+(http://localhost:\\d+/console/#token=\\S+)").matcher(banner.toString(StandardCharsets.UTF_8));
        assertThat(url.find()).as("the banner prints the console URL").isTrue();
        bannerUrl = url.group(1);
        origin = "http://localhost:" + stack.services().adminPort();
        devKey = stack.services().credentials().demoSdkKeys().get(ENV);
        sdk = VexilClient.builder(stack.edgeBaseUrl(), devKey).pollInterval(Duration.ofMillis(200)).metrics(false).build();
        productionSdk = VexilClient.builder(stack.edgeBaseUrl(), stack.services().credentials().demoSdkKeys().get("production"))
                .pollInterval(Duration.ofMillis(200)).metrics(false).build();
        browser = new ConsoleBrowser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (sdk != null) {
            sdk.close();
        }
        if (productionSdk != null) {
            productionSdk.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void signedIn() {
        browser.open(origin + "/console/#/");
        if (browser.script("return sessionStorage.getItem('vexil.token')") == null) {
            browser.open(bannerUrl);
            browser.awaitText(By.tagName("h1"), "Projects");
        }
    }

    /** A fresh load of a console page (a new document, as after a bookmark). */
    private void go(String route) {
        browser.open(origin + "/console/" + route);
        browser.raw().navigate().refresh();
    }

    private void flagWithConfig(String flag, Map<String, Object> config) {
        api.put("/v1/projects/demo/flags/" + flag, Map.of("name", flag, "type", "boolean",
                "variations", List.of(Map.of("value", true, "name", "on"), Map.of("value", false, "name", "off"))), null).expect(201);
        api.put(CONFIG + flag, config, null).expect(201);
    }

    private JsonNode config(String flag) {
        return api.get(CONFIG + flag).expect(200).body();
    }

    private static Context user(String key) {
        return Context.builder(key).build();
    }

    @Test
    @Order(1)
    void signInWithTheBannerUrlKeepsTheTokenOutOfTheAddressBarAndLocalStorage() {
        browser.script("sessionStorage.clear()");
        browser.open(bannerUrl);
        browser.awaitText(By.tagName("h1"), "Projects");
        browser.await(By.cssSelector("a[href='#/p/demo/flags']"));
        assertThat(browser.raw().getCurrentUrl()).doesNotContain("token").doesNotContain(stack.adminToken());
        assertThat(browser.script("return sessionStorage.getItem('vexil.token')")).isEqualTo(stack.adminToken());
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        browser.screenshot("projects");
    }

    @Test
    @Order(2)
    void createAFlagTargetASegmentSaveAndAnSdkSeesIt() {
        go("#/p/demo/segments?env=development");
        browser.type(browser.field("Key"), "beta-testers");
        browser.click("Create segment");
        browser.awaitText(By.tagName("h1"), "Segment");
        browser.type(browser.field("Included context keys (one per line)"), "carol");
        browser.click("Save segment");
        browser.awaitText(By.cssSelector(".notice"), "Saved as version 2");

        go("#/p/demo/flags?env=development");
        browser.type(browser.field("Key"), "console-beta");
        browser.type(browser.field("Name"), "Console beta");
        browser.click("Create flag");
        browser.awaitText(By.tagName("h1"), "console-beta");
        browser.atPath("on").click();
        browser.click("Add rule");
        browser.select(browser.atPath("rules[0].clauses[0].operator"), "segmentMatch");
        browser.field("beta-testers (beta-testers)").click();
        browser.select(browser.atPath("fallthrough.variation"), "1");
        browser.type(browser.field("Comment"), "beta testers get the new thing");
        browser.screenshot("flag-editor");
        browser.click("Save targeting");
        browser.awaitText(By.cssSelector(".notice"), "Saved as version 1");

        JsonNode saved = config("console-beta");
        assertThat(saved.path("rules").get(0).path("clauses").get(0).path("values").get(0).asText()).isEqualTo("beta-testers");
        Eventually.awaitEquals("the SDK serves the segment's member the new variation", true,
                () -> sdk.boolVariation("console-beta", user("carol"), false));
        assertThat(sdk.boolVariation("console-beta", user("dave"), true)).as("everyone else falls through to off").isFalse();
        JsonNode history = api.get(CONFIG + "console-beta/history").body().path("items");
        assertThat(history.get(0).path("comment").asText()).isEqualTo("beta testers get the new thing");
    }

    @Test
    @Order(3)
    void aConflictShowsWhatChangedMeanwhileAndTheEditIsReappliedOnTop() {
        flagWithConfig("console-conflict", Map.of("on", false, "offVariation", 1, "fallthrough", Map.of("variation", 0)));
        go("#/p/demo/flags/console-conflict?env=development");
        browser.click("Add individual target");
        browser.type(browser.atPath("targets[0].keys"), "zoe");

        AdminApi.Response current = api.get(CONFIG + "console-conflict");
        ObjectNode theirs = (ObjectNode) current.body();
        theirs.remove(List.of("version", "updatedAt", "updatedBy"));
        theirs.put("on", true);
        api.put(CONFIG + "console-conflict", theirs, current.etag()).expect(200);

        browser.click("Save targeting");
        WebElement conflict = browser.await(By.cssSelector("section.conflict"));
        assertThat(conflict.getText()).contains("Someone changed this while you were editing", "version 2",
                "on false → true", "targets");
        browser.screenshot("conflict");
        browser.click("Reapply my edits on top");
        browser.awaitText(By.cssSelector(".notice"), "reapplied on top of version 2");
        assertThat(browser.atPath("on").isSelected()).as("their change is kept").isTrue();
        assertThat(browser.atPath("targets[0].keys").getAttribute("value")).isEqualTo("zoe");
        browser.click("Save targeting");
        browser.awaitText(By.cssSelector(".notice"), "Saved as version 3");

        JsonNode saved = config("console-conflict");
        assertThat(saved.path("on").asBoolean()).isTrue();
        assertThat(saved.path("targets").get(0).path("keys").get(0).asText()).isEqualTo("zoe");
    }

    @Test
    @Order(4)
    void aValidationErrorIsShownAtTheFieldItsPathNames() {
        flagWithConfig("console-invalid", Map.of("on", true, "fallthrough", Map.of("variation", 0)));
        go("#/p/demo/flags/console-invalid?env=development");
        browser.click("Add rule");
        browser.type(browser.atPath("rules[0].clauses[0].attribute"), "age");
        browser.select(browser.atPath("rules[0].clauses[0].operator"), "lessThan");
        browser.type(browser.atPath("rules[0].clauses[0].values"), "forty");
        browser.click("Save targeting");

        WebElement error = browser.await(By.cssSelector("[data-error-for='rules[0].clauses[0].values']"));
        assertThat(error.getText()).contains("expected a number for operator lessThan");
        assertThat(browser.atPath("rules[0].clauses[0].values").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.atPath("rules[0].clauses[0].attribute").getAttribute("aria-invalid")).isEqualTo("false");
        assertThat(browser.await(By.cssSelector(".problem")).getText()).contains("rules[0].clauses[0].values[0]");
        browser.screenshot("validation-error");
        assertThat(config("console-invalid").path("version").asInt()).as("nothing was stored").isEqualTo(1);
    }

    @Test
    @Order(4)
    void theDryRunShowsTheDraftsImpactOnSampleContextsBeforeSaving() {
        flagWithConfig("console-dry-run", Map.of("on", true, "offVariation", 1, "fallthrough", Map.of("variation", 0),
                "targets", List.of(Map.of("variation", 0, "keys", List.of("vip")))));
        go("#/p/demo/flags/console-dry-run?env=development");
        browser.select(browser.atPath("fallthrough.variation"), "1");
        browser.type(browser.atPath("contexts"), "[{\"key\": \"vip\"}, {\"key\": \"ann\"}, {\"key\": \"bo\"}]");
        browser.click("Evaluate the draft");
        browser.awaitText(By.cssSelector(".dry-run .impact"), "2 of 3 contexts would change");
        assertThat(browser.await(By.cssSelector(".dry-run .impact")).getText()).contains("true → false: 2");
        List<String> rows = browser.raw().findElements(By.cssSelector(".dry-run tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows).containsExactly("vip true · TARGET_MATCH true · TARGET_MATCH",
                "ann true · FALLTHROUGH false · FALLTHROUGH", "bo true · FALLTHROUGH false · FALLTHROUGH");
        assertThat(config("console-dry-run").path("version").asInt()).as("a dry run stores nothing").isEqualTo(1);
    }

    @Test
    @Order(5)
    void rollBackFromHistory() {
        flagWithConfig("console-rollback", Map.of("on", true, "fallthrough", Map.of("variation", 0)));
        AdminApi.Response v1 = api.get(CONFIG + "console-rollback");
        api.put(CONFIG + "console-rollback", Map.of("on", false, "fallthrough", Map.of("variation", 0)), v1.etag()).expect(200);
        go("#/p/demo/flags/console-rollback?env=development");
        WebElement first = browser.await(By.cssSelector(".history li[data-version='1']"));
        assertThat(browser.await(By.cssSelector(".history li[data-version='2']")).getText()).contains("on true → false");
        first.findElement(By.xpath(".//button[normalize-space()='Roll back to v1']")).click();
        browser.click("Roll back");
        browser.awaitText(By.cssSelector(".history .notice"), "Rolled back to the content of version 1");
        assertThat(browser.await(By.cssSelector(".history li[data-version='3']")).getText()).contains("rollback", "on false → true");
        assertThat(browser.atPath("on").isSelected()).isTrue();
        browser.screenshot("history");
        JsonNode restored = config("console-rollback");
        assertThat(restored.path("version").asInt()).isEqualTo(3);
        assertThat(restored.path("on").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void killAFlagOnlyAfterConfirming() {
        flagWithConfig("console-kill", Map.of("on", true, "offVariation", 1, "fallthrough", Map.of("variation", 0)));
        Eventually.awaitEquals("the SDK serves the flag on", true, () -> sdk.boolVariation("console-kill", user("kim"), false));
        go("#/p/demo/flags/console-kill?env=development");
        browser.click("Kill switch");
        browser.awaitText(By.cssSelector("[role=alertdialog]"), "Turn console-kill off in development for everyone now?");
        browser.click("Cancel");
        assertThat(config("console-kill").path("on").asBoolean()).as("cancel kills nothing").isTrue();

        browser.click("Kill switch");
        browser.click("Kill console-kill");
        browser.awaitText(By.cssSelector(".kill .notice"), "console-kill is killed: off in development.");
        assertThat(browser.atPath("on").isSelected()).isFalse();
        assertThat(config("console-kill").path("on").asBoolean()).isFalse();
        assertThat(api.get(CONFIG + "console-kill/history").body().path("items").get(0).path("action").asText()).isEqualTo("kill");
        Eventually.awaitEquals("the SDK sees the kill", false, () -> sdk.boolVariation("console-kill", user("kim"), true));
    }

    @Test
    @Order(7)
    void theInsightsChartShowsAKnownMixOfEvaluations() throws Exception {
        flagWithConfig("console-insights", Map.of("on", true, "fallthrough", Map.of("variation", 0),
                "targets", List.of(Map.of("variation", 1, "keys", List.of("vip")))));
        Eventually.awaitEquals("the probe sees the flag", true, () -> sdk.boolVariation("console-insights", user("someone"), false));
        long version = sdk.status().snapshotVersion();
        try (VexilClient measured = VexilClient.builder(stack.edgeBaseUrl(), devKey).pollInterval(Duration.ofMillis(200)).build()) {
            Eventually.await("the measured client has the flag", () -> measured.status().snapshotVersion() >= version);
            for (int i = 0; i < 30; i++) {
                measured.boolVariation("console-insights", user("someone-" + i), false); // fallthrough: variation 0
            }
            for (int i = 0; i < 12; i++) {
                measured.boolVariation("console-insights", user("vip"), true); // target: variation 1
            }
        } // close() sends the counts to the edge

        go("#/p/demo/flags/console-insights?env=development");
        browser.await(By.cssSelector(".insights .chart canvas"));
        browser.awaitText(By.cssSelector(".insights tr[data-variation='0']"), "30");
        assertThat(browser.await(By.cssSelector(".insights tr[data-variation='0']")).getText()).isEqualTo("0: true 30");
        assertThat(browser.await(By.cssSelector(".insights tr[data-variation='1']")).getText()).isEqualTo("1: false 12");
        assertThat(browser.await(By.cssSelector(".insights .changes")).getText()).contains("v1 create");
        browser.await(By.cssSelector(".insights")).getLocation();
        browser.screenshot("insights");
    }

    private int snapshotStatus(String sdkKey) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.edgeBaseUrl() + "/sdk/v1/snapshot"))
                .header("Authorization", sdkKey).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Order(8)
    void createAnSdkKeySeeItsSecretOnceAndRevokeIt() throws Exception {
        go("#/p/demo/keys?env=development");
        browser.type(browser.field("Name (e.g. the service that uses it)"), "console-journey");
        browser.click("Create key");
        WebElement secretBox = browser.await(By.cssSelector(".secret-value"));
        String secret = secretBox.getAttribute("value");
        assertThat(secret).matches("sdk-[A-Za-z0-9_-]{43}");
        assertThat(browser.await(By.cssSelector(".secret")).getText()).contains("shown only once");
        assertThat(snapshotStatus(secret)).as("the new key reads the snapshot").isEqualTo(200);
        browser.click("I have stored it");
        browser.awaitGone(By.cssSelector(".secret"));
        assertThat(browser.raw().getPageSource()).doesNotContain(secret);

        WebElement row = browser.await(By.xpath("//tr[td[normalize-space()='console-journey']]"));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("active");
        browser.screenshot("sdk-keys");
        row.findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
        browser.click("Revoke key");
        browser.awaitText(By.xpath("//tr[td[normalize-space()='console-journey']]/td[@class='status']"), "revoked");
        Eventually.await("the revoked key is refused at the edge", () -> {
            try {
                return snapshotStatus(secret) != 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Order(9)
    void a401SendsBackToSignInAndTheDraftSurvives() {
        flagWithConfig("console-draft", Map.of("on", true, "fallthrough", Map.of("variation", 0)));
        go("#/p/demo/flags/console-draft?env=development");
        browser.click("Add individual target");
        browser.type(browser.atPath("targets[0].keys"), "erin");
        browser.script("sessionStorage.setItem('vexil.token', 'an-expired-token')");
        browser.click("Save targeting");

        browser.awaitText(By.tagName("h1"), "Sign in to Vexil");
        assertThat(browser.text()).contains("Your session has ended", "unsaved edits are kept");
        WebElement token = browser.field("Admin token");
        token.sendKeys(stack.adminToken());
        token.sendKeys(Keys.ENTER); // the keyboard alone signs in
        browser.awaitText(By.cssSelector(".notice"), "Your unsaved draft was restored.");
        assertThat(browser.atPath("targets[0].keys").getAttribute("value")).isEqualTo("erin");
        assertThat(browser.raw().getCurrentUrl()).doesNotContain(stack.adminToken());
        browser.click("Save targeting");
        browser.awaitText(By.cssSelector(".save-bar .notice"), "Saved as version 2");
        assertThat(config("console-draft").path("targets").get(0).path("keys").get(0).asText()).isEqualTo("erin");
    }

    @Test
    @Order(10)
    void a403SaysWhichRoleIsNeeded() {
        api.post("/v1/projects", Map.of("key", "console-viewer", "name", "Viewer only",
                "roles", Map.of("local-admin", "viewer", "someone-else", "admin"))).expect(201);
        go("#/p/console-viewer/settings");
        browser.type(browser.field("Key"), "staging");
        browser.click("Create environment");
        assertThat(browser.await(By.cssSelector(".role-needed")).getText()).contains("needs the admin role");
        assertThat(api.get("/v1/projects/console-viewer/environments").body().path("items")).isEmpty();
    }

    @Test
    @Order(11)
    void theFlagsListWorksAt390PixelsWide() {
        go("#/p/demo/flags?env=development");
        browser.await(By.cssSelector("tr[data-flag='new-checkout']"));
        browser.screenshot("flags");
        browser.resize(390, 844);
        try {
            go("#/p/demo/flags?env=development");
            WebElement search = browser.field("Search flags");
            search.sendKeys("checkout");
            browser.awaitGone(By.cssSelector("tr[data-flag='banner-text']"));
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling of the page").isEqualTo(true);
            browser.screenshot("flags-390px");
        } finally {
            browser.resize(1280, 1000);
        }
    }

    @Test
    @Order(12)
    void startPauseAndAbortARolloutWatchingItsProgressLive() {
        flagWithConfig("console-rollout", Map.of("on", true, "offVariation", 1, "fallthrough", Map.of("variation", 1)));
        Eventually.awaitEquals("the SDK serves false before the rollout", false,
                () -> sdk.boolVariation("console-rollout", user("u-0"), true));
        go("#/p/demo/flags/console-rollout?env=development");
        WebElement panel = browser.await(By.cssSelector("section.rollout"));
        browser.select(browser.fieldWithin(panel, "Variation to release"), "0");
        browser.type(browser.fieldWithin(panel, "Steps (percent:hold, …)"), "10:PT6S, 50:PT1H, 100");
        browser.type(browser.fieldWithin(panel, "Rollout comment"), "release to half of the users");
        browser.click("Start rollout");
        browser.awaitText(By.cssSelector(".rollout .notice"), "Rollout started: step 1 is applied.");
        browser.awaitText(By.cssSelector(".rollout .rollout-status"), "running · step 1 of 3 · 10%");

        // The scheduler applies step 2 once the 6 s hold has passed; the page shows it without a reload.
        By status = By.cssSelector(".rollout .rollout-status");
        browser.awaitText(status, "step 2 of 3 · 50%");
        JsonNode plan = api.get(CONFIG + "console-rollout/rollouts/current").expect(200).body();
        assertThat(plan.path("step").asInt()).isEqualTo(2);
        WebElement next = browser.await(By.cssSelector(".rollout .next-step"));
        assertThat(next.getText()).startsWith("next step (100%) at");
        assertThat(Instant.parse(next.findElement(By.tagName("time")).getAttribute("datetime")))
                .as("the time of the next step is the plan's").isEqualTo(Instant.parse(plan.path("nextStepAt").asText()));
        assertThat(browser.await(By.cssSelector(".rollout progress")).getAttribute("value")).isEqualTo("50");
        assertThat(browser.await(By.cssSelector(".rollout .rollout-steps")).getText())
                .contains("10% for PT6S · applied as v2 by local-admin", "50% for PT1H · applied as v3 by vexil:scheduler");
        browser.screenshot("rollout", browser.await(By.cssSelector("section.rollout")));
        Eventually.await("the SDK serves the released variation to about half of 200 users", () -> {
            long released = IntStream.range(0, 200).filter(i -> sdk.boolVariation("console-rollout", user("u-" + i), false)).count();
            return released > 60 && released < 140;
        });

        browser.click("Pause");
        browser.awaitText(By.cssSelector(".rollout .notice"), "Rollout paused.");
        browser.awaitText(status, "paused · step 2 of 3 · 50%");
        assertThat(browser.await(status).getText()).contains("hold remaining PT");
        assertThat(api.get(CONFIG + "console-rollout/rollouts/current").body().path("status").asText()).isEqualTo("paused");

        browser.click("Abort");
        browser.click("Abort rollout");
        browser.awaitText(By.cssSelector(".rollout .last-plan"), "aborted (configuration restored as version 4)");
        JsonNode restored = config("console-rollout");
        assertThat(restored.path("version").asInt()).isEqualTo(4);
        assertThat(restored.path("fallthrough").path("variation").asInt()).as("the pre-plan fallthrough is back").isEqualTo(1);
        assertThat(api.get(CONFIG + "console-rollout/history").body().path("items").get(0).path("action").asText())
                .isEqualTo("rollout-abort");
        Eventually.await("the SDK serves false to everyone again", () ->
                IntStream.range(0, 200).noneMatch(i -> sdk.boolVariation("console-rollout", user("u-" + i), false)));
        browser.await(By.xpath("//button[normalize-space()='Start rollout']"));
    }

    @Test
    @Order(13)
    void aChangeRequestIsOpenedApprovedByASecondPrincipalAndApplied() {
        String production = "/v1/projects/demo/environments/production/flags/console-review";
        api.put("/v1/projects/demo/flags/console-review", Map.of("name", "console-review", "type", "boolean",
                "variations", List.of(Map.of("value", true), Map.of("value", false))), null).expect(201);
        api.put(production, Map.of("on", false, "offVariation", 1, "fallthrough", Map.of("variation", 0)), null).expect(201);
        AdminApi.Response project = api.get("/v1/projects/demo").expect(200);
        ObjectNode roles = ((ObjectNode) project.body().path("roles")).put("carol", "editor");
        api.put("/v1/projects/demo", Map.of("name", project.body().path("name").asText(), "roles", roles), project.etag()).expect(200);
        Eventually.awaitEquals("the production SDK serves the flag off", false,
                () -> productionSdk.boolVariation("console-review", user("ann"), true));

        // An admin protects production in the settings: one approval by an editor or admin.
        go("#/p/demo/settings?env=production");
        WebElement edit = browser.await(By.cssSelector("details.edit-environment[data-environment='production']"));
        edit.findElement(By.tagName("summary")).click();
        browser.fieldWithin(edit, "Protected (changes go through change requests)").click();
        browser.type(browser.fieldWithin(edit, "Approvals required"), "1");
        edit.findElement(By.xpath(".//button[normalize-space()='Save environment']")).click();
        browser.awaitText(By.cssSelector("tr[data-environment='production']"), "yes: changes go through change requests");
        assertThat(browser.await(By.cssSelector("tr[data-environment='production']")).getText())
                .contains("1 approval by editor or admin");
        assertThat(api.get("/v1/projects/demo/environments/production").body().path("protected").asBoolean()).isTrue();

        // The author proposes turning the flag on: the editor saves as a change request.
        go("#/p/demo/flags/console-review?env=production");
        browser.atPath("on").click();
        browser.type(browser.field("Comment (required in this protected environment)"), "launch the review journey");
        // A proposal the API refuses shows each problem at its control, as a direct save does, and opens nothing.
        browser.click("Add rule");
        browser.type(browser.atPath("rules[0].clauses[0].attribute"), "age");
        browser.select(browser.atPath("rules[0].clauses[0].operator"), "lessThan");
        browser.type(browser.atPath("rules[0].clauses[0].values"), "forty");
        browser.click("Propose as a change request");
        assertThat(browser.await(By.cssSelector("[data-error-for='rules[0].clauses[0].values']")).getText())
                .contains("expected a number for operator lessThan");
        assertThat(api.get("/v1/projects/demo/environments/production/change-requests?state=").body().path("items")).isEmpty();
        browser.click("Remove rule");
        browser.click("Propose as a change request");
        browser.awaitText(By.tagName("h1"), "Change console-review in production");
        String requestUrl = browser.raw().getCurrentUrl();
        assertThat(browser.await(By.cssSelector(".cr-state")).getText()).isEqualTo("open");
        assertThat(browser.await(By.cssSelector(".changes")).getText()).contains("flag console-review: new configuration",
                "on false → true");
        browser.type(browser.atPath("contexts"), "[{\"key\": \"ann\"}, {\"key\": \"bo\"}]");
        browser.click("Evaluate the proposal");
        browser.awaitText(By.cssSelector(".impact-panel .impact"), "console-review: 2 of 2 contexts would change");
        browser.click("Approve");
        assertThat(browser.await(By.cssSelector(".review .problem")).getText()).contains("(403)", "cannot");
        assertThat(browser.text()).doesNotContain("needs the editor role");

        // A second principal, carol, signs in in another tab (the local admin token acting as her) and approves.
        String authorTab = browser.raw().getWindowHandle();
        browser.raw().switchTo().newWindow(WindowType.TAB);
        try {
            browser.open(origin + "/console/");
            browser.type(browser.field("Admin token"), stack.adminToken());
            WebElement principal = browser.field("Act as principal (optional, local stack only)");
            principal.sendKeys("carol");
            principal.sendKeys(Keys.ENTER);
            browser.awaitText(By.cssSelector(".acting-as"), "Acting as carol");
            browser.open(requestUrl);
            browser.raw().navigate().refresh();
            browser.awaitText(By.cssSelector(".cr-state"), "open");
            browser.type(browser.field("Review comment"), "looks right");
            browser.click("Approve");
            browser.awaitText(By.cssSelector(".cr-state"), "approved");
            assertThat(browser.await(By.cssSelector(".approvals")).getText()).isEqualTo("1 of 1 required approvals (carol)");
            assertThat(productionSdk.boolVariation("console-review", user("ann"), true)).as("nothing changes before the apply").isFalse();
            browser.click("Apply");
            browser.awaitText(By.cssSelector(".cr-state"), "applied");
            assertThat(browser.await(By.cssSelector(".changes")).getText()).as("the diff is still from the version it was based on")
                    .contains("on false → true").doesNotContain("changed since");
            browser.screenshot("change-request");
        } finally {
            browser.raw().close();
            browser.raw().switchTo().window(authorTab);
        }
        Eventually.awaitEquals("the production SDK sees the applied change", true,
                () -> productionSdk.boolVariation("console-review", user("ann"), false));

        // The author's tab, reloaded, shows who approved it; the flag's history names the request and its approver.
        browser.raw().navigate().refresh();
        browser.awaitText(By.cssSelector(".cr-state"), "applied");
        assertThat(browser.await(By.cssSelector(".reviews")).getText()).contains("approve by carol: “looks right”");
        JsonNode entry = api.get(production + "/history").body().path("items").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("apply");
        assertThat(entry.path("principal").asText()).isEqualTo("carol");
        assertThat(entry.path("comment").asText()).contains("approved by carol");

        go("#/p/demo/changes?env=production");
        browser.select(browser.field("State"), "applied");
        browser.awaitText(By.cssSelector(".change-requests"), "Change console-review in production");
        assertThat(browser.await(By.cssSelector(".change-requests li")).getText())
                .contains("applied", "1 of 1 approvals", "by local-admin");
        browser.screenshot("change-requests");
    }
}
