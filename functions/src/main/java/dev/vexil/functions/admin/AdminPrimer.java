package dev.vexil.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.admin.service.JsonDiff;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Segment;
import dev.vexil.model.Snapshot;
import dev.vexil.validate.ValidationScope;
import dev.vexil.validate.Validator;
import java.util.List;
import java.util.Map;
import org.crac.Resource;

/**
 * SnapStart priming: before the snapshot is taken, run the code paths of a typical request once so that their
 * classes are loaded and initialised in the snapshot rather than on the first real request. It writes nothing:
 * JSON and validation work on sample bodies in memory, routing is exercised with requests that are answered
 * before any store access (404, 405), and the store only sees reads of a project key that no request can create
 * (it does not match the key pattern). Each step catches and logs its own failure, so priming can never break a
 * deployment, e.g. when the build environment has no AWS credentials.
 */
final class AdminPrimer implements Resource {
    /** Not a valid project key, so no request can ever have created it. */
    static final String IMPOSSIBLE_PROJECT = "__vexil_priming__";
    private static final String PRINCIPAL = "vexil-snapstart-priming";

    private static final String DEFINITION = """
            {"key": "prime-flag", "name": "Priming", "type": "string", "tags": ["prime"], "temporary": true,
             "variations": [{"value": "a", "name": "A"}, {"value": "b"}, {"value": "c"}]}""";
    private static final String CONFIG = """
            {"on": true, "offVariation": 2,
             "targets": [{"variation": 0, "keys": ["alice"]}],
             "rules": [{"id": "eu", "clauses": [{"attribute": "country", "operator": "in", "values": ["DE", "FR"]}],
                        "serve": {"variation": 1}},
                       {"id": "mail", "clauses": [{"attribute": "email", "operator": "endsWith",
                                                   "values": ["@example.com"]}],
                        "serve": {"rollout": {"variations": [{"variation": 0, "weight": 50000},
                                                             {"variation": 1, "weight": 50000}]}}}],
             "fallthrough": {"variation": 2}}""";
    private static final String SEGMENT = """
            {"key": "prime-segment", "included": ["alice"], "excluded": ["bob"],
             "rules": [{"id": "r", "clauses": [{"attribute": "plan", "operator": "in", "values": ["pro"]}]}]}""";

    private final AdminApiHandler handler;
    private final FlagRepository repository;
    private final ObjectMapper mapper;

    AdminPrimer(AdminApiHandler handler, FlagRepository repository, ObjectMapper mapper) {
        this.handler = handler;
        this.repository = repository;
        this.mapper = mapper;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to restore: no unique state is created before the snapshot
    }

    /** Runs every priming step; returns how many failed (each failure is logged). */
    int prime() {
        int failures = 0;
        failures += step("json and model", this::jsonAndModel);
        failures += step("routing", this::routing);
        failures += step("store reads", this::storeReads);
        JsonLog.info("SnapStart priming finished with " + failures + " failed step(s)");
        return failures;
    }

    private void jsonAndModel() throws Exception {
        JsonNode definitionTree = mapper.readTree(DEFINITION);
        JsonNode configTree = mapper.readTree(CONFIG);
        JsonNode segmentTree = mapper.readTree(SEGMENT);
        FlagDefinition definition = mapper.treeToValue(definitionTree, FlagDefinition.class);
        FlagConfig config = mapper.treeToValue(configTree, FlagConfig.class);
        Segment segment = mapper.treeToValue(segmentTree, Segment.class);
        Validator.validateFlagDefinition(definitionTree);
        Validator.validateFlagConfig(configTree, definition, ValidationScope.empty());
        Validator.validateSegment(segmentTree, ValidationScope.empty());
        JsonDiff.between(mapper.valueToTree(config), mapper.valueToTree(config.turnedOff()));
        mapper.writeValueAsString(definition);
        mapper.writeValueAsString(segment);

        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_SCHEMA_VERSION, "prime", "prime", 1, "1970-01-01T00:00:00Z",
                List.of(Flag.of(definition, config, 1L)), List.of(segment), null);
        CompiledEnvironment environment = CompiledEnvironment.compile(snapshot);
        environment.evaluate(definition.key(),
                Context.builder("carol").set("country", "DE").set("email", "c@example.com").build());
    }

    /** Requests answered before any store access: an unknown route (404) and a wrong method (405). */
    private void routing() {
        handler.handleRequest(event("GET", "/v1/priming/unknown"), null);
        handler.handleRequest(event("DELETE", "/v1/projects"), null);
    }

    /** Reads of a key no request can create: exercises the store client (signing, HTTP, unmarshalling). */
    private void storeReads() {
        repository.getProject(IMPOSSIBLE_PROJECT);
        repository.getFlagDefinition(IMPOSSIBLE_PROJECT, "prime-flag");
    }

    private static APIGatewayV2HTTPEvent event(String method, String path) {
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(Map.of("sub", PRINCIPAL)).build())
                        .build())
                .build();
        return APIGatewayV2HTTPEvent.builder().withRawPath(path).withRequestContext(context)
                .withHeaders(Map.of("accept", "application/json")).build();
    }

    private static int step(String name, ThrowingStep step) {
        try {
            step.run();
            return 0;
        } catch (Exception | LinkageError e) {
            JsonLog.warn("SnapStart priming step \"" + name + "\" failed (harmless: the first request will load"
                    + " what it needs)", e);
            return 1;
        }
    }

    @FunctionalInterface
    private interface ThrowingStep {
        void run() throws Exception;
    }

}
