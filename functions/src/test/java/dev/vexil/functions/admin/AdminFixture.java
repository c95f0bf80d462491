package dev.vexil.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.release.GuardAlarms;
import dev.vexil.core.release.GuardNotifier;
import dev.vexil.core.release.GuardService;
import dev.vexil.core.release.ReleaseAutomation;
import dev.vexil.core.release.ReleaseScheduler;
import dev.vexil.localstore.insights.SqliteInsightsStore;
import dev.vexil.localstore.release.SqliteReleaseStore;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The admin API as API Gateway calls it: {@link APIGatewayV2HTTPEvent}s built in code go through
 * {@link AdminApiHandler} over a real SQLite store in a temporary file, with a fixed clock.
 *
 * <p>A test class shares one with {@code @RegisterExtension static final AdminFixture api =
 * AdminFixture.perTestClass();}: JUnit closes it, and deletes its directory, after the class's tests.
 */
final class AdminFixture implements AutoCloseable, AfterAllCallback {
    static final String ALICE = "arn:aws:iam::123456789012:user/alice";
    /** The issuer {@link Call#asJwtSubject} puts in the token. */
    static final String JWT_ISSUER = "https://issuer.example.com/";
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    final FlagRepository repository;
    final AdminApiHandler handler;
    /** The handler's clock: {@link #NOW} until a test moves it. */
    final SettableClock clock = new SettableClock(NOW);
    /** The evaluation counts the insights routes read (null over another repository: they answer 501). */
    final SqliteInsightsStore insights;
    /** Schedules and rollout plans (null over another repository unless given: those routes answer 501). */
    final SqliteReleaseStore release;
    /** Committed changes, counted by the SQLite change feed (stays 0 over another repository). */
    final AtomicInteger changes = new AtomicInteger();
    private final AutoCloseable closer;
    /** A directory this fixture created and deletes on close, or null. */
    private Path ownDirectory;

    /** Over a SQLite store in a new temporary directory of its own, for one test class (see the class comment). */
    static AdminFixture perTestClass() {
        return perTestClass(AccessPolicy.OPEN);
    }

    /** As {@link #perTestClass()}, with the stage-wide access rules given. */
    static AdminFixture perTestClass(AccessPolicy policy) {
        try {
            Path directory = Files.createTempDirectory("vexil-admin-test");
            AdminFixture fixture = new AdminFixture(directory, policy);
            fixture.ownDirectory = directory;
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over a SQLite store in a new file in {@code directory}. */
    AdminFixture(Path directory) {
        this(directory, AccessPolicy.OPEN);
    }

    private AdminFixture(Path directory, AccessPolicy policy) {
        SqliteFlagRepository sqlite = new SqliteFlagRepository(directory.resolve("admin-test.db"));
        sqlite.addChangeListener(change -> changes.incrementAndGet());
        this.repository = sqlite;
        SqliteInsightsStore counts = new SqliteInsightsStore(directory.resolve("insights-test.db"));
        this.insights = counts;
        SqliteReleaseStore releases = new SqliteReleaseStore(directory.resolve("release-test.db"));
        this.release = releases;
        this.closer = () -> {
            releases.close();
            counts.close();
            sqlite.close();
        };
        this.handler = new AdminApiHandler(sqlite, clock, api -> api.policy(policy).insights(counts)
                .release(new ReleaseAutomation(releases, GuardAlarms.ANY_NAME)));
    }

    /** Over any repository, e.g. DynamoDB on dynalite. */
    AdminFixture(FlagRepository repository) {
        this(repository, Clock.fixed(NOW, ZoneOffset.UTC), AdminLimits.QUOTAS_ONLY);
    }

    /** Over any repository (closed by its owner), with the clock and the quotas and write rate limiter given. */
    AdminFixture(FlagRepository repository, Clock clock, AdminLimits limits) {
        this(repository, clock, limits, null);
    }

    /** As {@link #AdminFixture(FlagRepository, Clock, AdminLimits)}, with a release store (closed by its owner). */
    AdminFixture(FlagRepository repository, Clock clock, AdminLimits limits, SqliteReleaseStore release) {
        this.repository = repository;
        this.insights = null;
        this.release = release;
        this.closer = () -> { };
        this.handler = new AdminApiHandler(repository, clock, api -> release == null ? api.limits(limits)
                : api.limits(limits).release(new ReleaseAutomation(release, GuardAlarms.ANY_NAME)));
    }

    /** A scheduler over this fixture's stores and clock, as the local stack and the scheduler Lambda build it. */
    ReleaseScheduler scheduler() {
        return new ReleaseAutomation(release, GuardAlarms.ANY_NAME).scheduler(repository, AdminJson.newMapper(), clock);
    }

    /** Ticks {@code count} schedulers at the same moment (one thread each); returns how many items they ran. */
    int tickAtOnce(int count) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(count);
            java.util.List<java.util.concurrent.Future<Integer>> ticks = new java.util.ArrayList<>();
            for (int s = 0; s < count; s++) {
                ReleaseScheduler scheduler = scheduler();
                ticks.add(pool.submit(() -> {
                    start.await();
                    return scheduler.tick();
                }));
            }
            int ran = 0;
            for (java.util.concurrent.Future<Integer> tick : ticks) {
                ran += tick.get();
            }
            return ran;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The guard, notifying {@code notifier}. */
    GuardService guards(GuardNotifier notifier) {
        return new ReleaseAutomation(release, GuardAlarms.ANY_NAME).guards(repository, notifier, AdminJson.newMapper(),
                clock);
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (ownDirectory != null) {
            try (Stream<Path> files = Files.walk(ownDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ownDirectory = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** A fresh project key, so that tests sharing one store never meet. */
    static String newProjectKey(String hint) {
        return hint + "-" + PROJECTS.incrementAndGet();
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    Call get(String path) {
        return call("GET", path);
    }

    /** Creates a project owned by {@link #ALICE} with environments; returns its key. */
    String project(String hint, String... environments) {
        String key = newProjectKey(hint);
        call("POST", "/v1/projects").json("{\"key\":\"" + key + "\",\"name\":\"" + hint + "\"}").expect(201);
        for (String environment : environments) {
            call("POST", "/v1/projects/" + key + "/environments")
                    .json("{\"key\":\"" + environment + "\",\"name\":\"" + environment + "\"}").expect(201);
        }
        return key;
    }

    /** A boolean flag (variations true, false) in the project. */
    void booleanFlag(String project, String flag) {
        call("PUT", "/v1/projects/" + project + "/flags/" + flag)
                .json("{\"name\":\"" + flag + "\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(201);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** One request being built. Defaults: principal {@link #ALICE}, no body. */
    final class Call {
        private final String method;
        private String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private String principal = ALICE;
        private boolean jwt;
        private String body;
        private boolean base64;
        private String stage = "$default";

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call as(String who) {
            principal = who;
            return this;
        }

        /** The principal as a JWT subject (issued by {@link #JWT_ISSUER}) instead of an IAM ARN. */
        Call asJwtSubject(String who) {
            principal = who;
            jwt = true;
            return this;
        }

        /** Fills the path's {@code {name}} variables (a path built from a route template). */
        Call pathVariables(Map<String, String> variables) {
            path = AuthorisationMatrixTest.fill(path, variables);
            return this;
        }

        Call anonymous() {
            principal = null;
            return this;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call ifMatch(String etag) {
            return header("If-Match", etag);
        }

        Call comment(String comment) {
            return header("X-Vexil-Comment", comment);
        }

        Call query(String name, String value) {
            query.put(name, value);
            return this;
        }

        Call json(String json) {
            headers.putIfAbsent("content-type", "application/json");
            body = json;
            return this;
        }

        Call raw(String text, String contentType) {
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            body = text;
            return this;
        }

        Call base64Json(String json) {
            json(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
            base64 = true;
            return this;
        }

        /** A body marked base64-encoded as given, e.g. to send one that does not decode. */
        Call base64Raw(String text) {
            headers.putIfAbsent("content-type", "application/json");
            body = text;
            base64 = true;
            return this;
        }

        /** A named API Gateway stage: API Gateway then puts it in front of the raw path. */
        Call stage(String name) {
            stage = name;
            return this;
        }

        Reply send() {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.AuthorizerBuilder authorizer =
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder();
            if (principal != null && jwt) {
                authorizer.withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(Map.of("iss", JWT_ISSUER, "sub", principal)).build());
            } else if (principal != null) {
                authorizer.withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(principal).build());
            }
            APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withStage(stage)
                    .withRequestId("test")
                    .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                            .withProtocol("HTTP/1.1").build())
                    .withAuthorizer(authorizer.build())
                    .build();
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0")
                    .withRouteKey("$default")
                    .withRawPath(path)
                    .withHeaders(headers)
                    .withQueryStringParameters(query.isEmpty() ? null : query)
                    .withBody(body)
                    .withIsBase64Encoded(base64)
                    .withRequestContext(context)
                    .build();
            return new Reply(handler.handleRequest(event, null));
        }

        /** Sends and checks the status, failing with the response body otherwise. */
        Reply expect(int status) {
            Reply reply = send();
            if (reply.status() != status) {
                throw new AssertionError(method + " " + path + ": expected " + status + " but got " + reply.status()
                        + ": " + reply.text());
            }
            return reply;
        }
    }

    /** A response, with its body parsed when it is JSON. */
    record Reply(APIGatewayV2HTTPResponse response) {
        int status() {
            return response.getStatusCode();
        }

        String text() {
            return response.getBody();
        }

        JsonNode json() {
            return response.getBody() == null ? null : AdminFixture.json(response.getBody());
        }

        String header(String name) {
            return response.getHeaders() == null ? null : response.getHeaders().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        String etag() {
            return header("ETag");
        }

        /** The paths of the problem's {@code errors}. */
        java.util.List<String> errorPaths() {
            java.util.List<String> paths = new java.util.ArrayList<>();
            json().path("errors").forEach(e -> paths.add(e.path("path").asText()));
            return paths;
        }
    }
}
