package dev.vexil.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.eval.Context;
import dev.vexil.it.stack.Stack;
import dev.vexil.sdk.VexilClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scenario's own project, made through the admin API: environment {@code test}, boolean flag {@code feature}
 * (variation 0 = true, 1 = false, off variation 1) whose rule serves true to {@code plan in [pro]}, falling
 * through to false; and an SDK key for the environment.
 */
final class Fixture {
    static final String ENV = "test";
    static final String FLAG = "feature";
    static final Context PRO = Context.builder("pro-user").set("plan", "pro").build();
    static final Context FREE = Context.builder("free-user").set("plan", "free").build();
    static final Duration POLL = Duration.ofMillis(200);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Stack stack;
    final AdminApi admin;
    final String project;
    final String sdkKey;
    final String sdkKeyId;

    private Fixture(Stack stack, String project, String sdkKey, String sdkKeyId) {
        this.stack = stack;
        this.admin = new AdminApi(stack.adminBaseUrl(), stack.adminToken());
        this.project = project;
        this.sdkKey = sdkKey;
        this.sdkKeyId = sdkKeyId;
    }

    static Fixture create(Stack stack, String scenario) {
        AdminApi admin = new AdminApi(stack.adminBaseUrl(), stack.adminToken());
        String project = ("it-" + COUNTER.incrementAndGet() + "-" + scenario).toLowerCase();
        admin.post("/v1/projects", Map.of("key", project, "name", "Scenario " + scenario,
                "roles", Map.of("*", "admin"))).expect(201);
        admin.post("/v1/projects/" + project + "/environments", Map.of("key", ENV, "name", "Test")).expect(201);
        admin.put("/v1/projects/" + project + "/flags/" + FLAG, Map.of(
                "key", FLAG, "name", "Feature", "type", "boolean",
                "variations", List.of(Map.of("value", true, "name", "on"), Map.of("value", false, "name", "off"))),
                null).expect(201);
        Fixture withoutKey = new Fixture(stack, project, null, null);
        withoutKey.putConfig(ruleFor("pro"), null).expect(201);
        AdminApi.Response key = admin.post(withoutKey.envPath() + "/sdk-keys", Map.of("name", "integration test"))
                .expect(201);
        return new Fixture(stack, project, key.body().path("secret").asText(), key.body().path("id").asText());
    }

    String envPath() {
        return "/v1/projects/" + project + "/environments/" + ENV;
    }

    String configPath() {
        return envPath() + "/flags/" + FLAG;
    }

    /** Targeting: on, serve true to {@code plan in [plan]}, else false. */
    static ObjectNode ruleFor(String plan) {
        ObjectNode config = AdminApi.JSON.createObjectNode();
        config.put("on", true);
        config.put("offVariation", 1);
        ObjectNode rule = config.putArray("rules").addObject();
        rule.put("id", "plan-rule");
        ObjectNode clause = rule.putArray("clauses").addObject();
        clause.put("attribute", "plan");
        clause.put("operator", "in");
        clause.putArray("values").add(plan);
        rule.putObject("serve").put("variation", 0);
        config.putObject("fallthrough").put("variation", 1);
        return config;
    }

    AdminApi.Response putConfig(JsonNode config, String ifMatch) {
        return admin.put(configPath(), config, ifMatch);
    }

    /** Changes the targeting with the current ETag; returns the new ETag. */
    String changeTargeting(JsonNode config) {
        AdminApi.Response current = admin.get(configPath()).expect(200);
        return putConfig(config, current.etag()).expect(200).etag();
    }

    /** The config part of a GET (the body itself, or its {@code config} member). */
    static JsonNode configOf(AdminApi.Response response) {
        JsonNode body = response.body();
        return body.has("on") ? body : body.path("config");
    }

    static ArrayNode targetsOf(JsonNode config) {
        return (ArrayNode) config.path("targets");
    }

    VexilClient newClient() {
        return VexilClient.builder(stack.edgeBaseUrl(), sdkKey).pollInterval(POLL).build();
    }

    VexilClient newClient(Path cacheDirectory) {
        return VexilClient.builder(stack.edgeBaseUrl(), sdkKey).pollInterval(POLL).cacheDirectory(cacheDirectory).build();
    }

    /** A client that serves the fixture's starting targeting (pro gets true, free gets false). */
    VexilClient initializedClient() {
        VexilClient client = newClient();
        awaitInitialized(client);
        awaitStartingTargeting(client);
        return client;
    }

    static void awaitStartingTargeting(VexilClient client) {
        Eventually.awaitEquals("the SDK serves true to pro", true, () -> client.boolVariation(FLAG, PRO, false));
    }

    static void awaitInitialized(VexilClient client) {
        if (!client.waitForInitialization(Eventually.TIMEOUT)) {
            client.close();
            throw new AssertionError("the SDK did not initialize: " + client.status());
        }
    }
}
