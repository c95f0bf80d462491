package dev.vexil.local;

import dev.vexil.wire.SdkKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.local.edge.SdkKeyLookup;
import dev.vexil.model.Clause;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.FlagType;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Serve;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds the demo project on the first start: project {@code demo} (any local principal is admin), environments
 * {@code development} and {@code production}, two flags with realistic targeting, and one SDK key per
 * environment. Each step runs only if its resource is missing, so a restart writes nothing and an interrupted
 * first start is completed by the next one.
 */
public final class DemoSeeder {
    public static final String PROJECT = "demo";
    public static final List<String> ENVIRONMENTS = List.of("development", "production");
    public static final String CHECKOUT_FLAG = "new-checkout";
    public static final String BANNER_FLAG = "banner-text";
    static final String SEEDER = "vexil-local";

    private final FlagRepository repository;
    private final Clock clock;

    public DemoSeeder(FlagRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Creates whatever of the demo is missing; returns the credentials with the demo SDK keys added. */
    public LocalCredentials seed(LocalCredentials credentials) {
        if (repository.getProject(PROJECT).isEmpty()) {
            repository.createProject(new Project(PROJECT, "Demo", Map.of("*", "admin")), meta("create"));
        }
        createEnvironment(new Environment("development", "Development", false));
        createEnvironment(new Environment("production", "Production", false));
        createDefinition(checkoutDefinition());
        createDefinition(bannerDefinition());
        createConfig("development", CHECKOUT_FLAG, new FlagConfig(true, 1, null, null, null, null, Serve.variation(0), null));
        createConfig("production", CHECKOUT_FLAG, checkoutInProduction());
        createConfig("development", BANNER_FLAG, new FlagConfig(true, 0, null, null, null, null, Serve.variation(1), null));
        createConfig("production", BANNER_FLAG, bannerInProduction());
        LocalCredentials result = credentials;
        for (String environment : ENVIRONMENTS) {
            if (!result.demoSdkKeys().containsKey(environment)) {
                result = result.withDemoSdkKey(environment, createSdkKey(environment));
            }
        }
        return result;
    }

    private void createEnvironment(Environment environment) {
        if (repository.getEnvironment(PROJECT, environment.key()).isEmpty()) {
            repository.createEnvironment(PROJECT, environment, meta("create"));
        }
    }

    private void createDefinition(FlagDefinition definition) {
        if (repository.getFlagDefinition(PROJECT, definition.key()).isEmpty()) {
            repository.putFlagDefinition(PROJECT, definition, 0, meta("create"));
        }
    }

    private void createConfig(String environment, String flag, FlagConfig config) {
        if (repository.getFlagConfig(PROJECT, environment, flag).isEmpty()) {
            repository.putFlagConfig(PROJECT, environment, flag, config, 0, meta("create"));
        }
    }

    private String createSdkKey(String environment) {
        String secret = "sdk-" + LocalCredentials.randomBase64Url(32);
        repository.createSdkKey(new SdkKeyRecord(UUID.randomUUID().toString(), PROJECT, environment,
                "demo " + environment + " key", SdkKeys.hash(secret), clock.instant(), SEEDER, null));
        return secret;
    }

    private ChangeMeta meta(String action) {
        return new ChangeMeta(SEEDER, action, "demo project seeded by the first start of local mode", null,
                clock.instant());
    }

    private static FlagDefinition checkoutDefinition() {
        return new FlagDefinition(CHECKOUT_FLAG, "New checkout", "Serves the redesigned checkout flow.",
                FlagType.BOOLEAN, List.of(new Variation(BooleanNode.TRUE, "on"), new Variation(BooleanNode.FALSE, "off")),
                List.of("checkout"), true, "local-admin");
    }

    /** Production: colleagues (@example.com) get it, everyone else is in a 10% rollout by user key. */
    private static FlagConfig checkoutInProduction() {
        Rule colleagues = new Rule("colleagues", "Everyone at example.com",
                List.of(new Clause("email", "endsWith", List.<JsonNode>of(TextNode.valueOf("@example.com")), false)),
                Serve.variation(0));
        Rollout tenPercent = new Rollout(null, List.of(new WeightedVariation(0, 10_000), new WeightedVariation(1, 90_000)));
        return new FlagConfig(true, 1, null, null, null, List.of(colleagues), Serve.rollout(tenPercent), null);
    }

    private static FlagDefinition bannerDefinition() {
        return new FlagDefinition(BANNER_FLAG, "Banner text", "The greeting on the home page.", FlagType.STRING,
                List.of(new Variation(TextNode.valueOf("Welcome to the demo shop!"), "standard"),
                        new Variation(TextNode.valueOf("Welcome back! Try our new checkout."), "early-adopter")),
                List.of("ui"), false, "local-admin");
    }

    /** Production: user {@code alice} and the paying plans see the early-adopter banner. */
    private static FlagConfig bannerInProduction() {
        Rule paying = new Rule("paying-plans", "Pro and enterprise customers",
                List.of(new Clause("plan", "in", List.<JsonNode>of(TextNode.valueOf("pro"), TextNode.valueOf("enterprise")), false)),
                Serve.variation(1));
        return new FlagConfig(true, 0, null, List.of(new Target(1, List.of("alice"))), null, List.of(paying),
                Serve.variation(0), null);
    }
}
