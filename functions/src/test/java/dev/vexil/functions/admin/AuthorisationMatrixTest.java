package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.http.Route;
import dev.vexil.core.review.ChangeRequestStore;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route of the router × every kind of caller: the status each gets, and that a refused call changed
 * nothing (no committed change, and the same stored state before and after). The routes come from the router
 * itself, so a route added without an entry here fails {@link #everyRouteHasAnEntryAndEveryEntryARoute}.
 *
 * <p>Each call runs against a fresh project of its own ("the world"), so that a permitted write never changes
 * what another case sees.
 */
class AuthorisationMatrixTest {
    private static final String ADMIN = AdminFixture.ALICE;
    private static final String EDITOR = "arn:aws:iam::123456789012:user/eddie";
    private static final String VIEWER = "arn:aws:iam::123456789012:role/Auditors";
    private static final String STRANGER = "arn:aws:iam::123456789012:user/mallory";
    private static final String OTHER_ADMIN = "arn:aws:iam::123456789012:user/olga";
    private static final String ENV = "production";
    private static final String FLAG = "checkout";
    private static final String SEGMENT = "beta";
    private static final String STAGING = "staging";
    private static final String ON_REQUEST = "{\"title\":\"Turn checkout off\",\"changes\":[{\"flag\":\"" + FLAG
            + "\",\"on\":false}]}";
    /** Flags of the world with a running and a paused rollout plan. */
    private static final String RAMP = "ramp";
    private static final String RAMP_PAUSED = "ramp-paused";
    private static final String RAMP_PLAN = "{\"variation\":0,\"steps\":[{\"percent\":10,\"hold\":\"PT1H\"},"
            + "{\"percent\":50,\"hold\":\"PT1H\"},{\"percent\":100}]}";

    /** Only the admin may create projects, so that POST /v1/projects is refused to the other callers. */
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass(
            new AccessPolicy(List.of(ADMIN, OTHER_ADMIN), Set.of()));

    enum CallerKind {
        VIEWER(AuthorisationMatrixTest.VIEWER), EDITOR(AuthorisationMatrixTest.EDITOR),
        ADMIN(AuthorisationMatrixTest.ADMIN), STRANGER(AuthorisationMatrixTest.STRANGER),
        ADMIN_OF_ANOTHER_PROJECT(AuthorisationMatrixTest.OTHER_ADMIN);

        final String principal;

        CallerKind(String principal) {
            this.principal = principal;
        }
    }

    /**
     * A project with one of everything, and the roles of the matrix. Its change requests, all by the editor: one
     * open, one approved by the admin, one stale; a pending schedule on the flag.
     */
    record World(String project, String sdkKeyId, String openRequest, String approvedRequest, String staleRequest,
                 String scheduleId) {
    }

    /** What a route expects: the request (built for a world) and the status each kind of caller gets. */
    record Entry(Function<World, AdminFixture.Call> request, Map<CallerKind, Integer> statuses) {
    }

    private static final Map<String, Entry> MATRIX = new LinkedHashMap<>();

    static {
        String p = "/v1/projects/{project}";
        String e = p + "/environments/{env}";
        String c = e + "/flags/{flag}";
        String s = e + "/segments/{segment}";
        String k = e + "/sdk-keys";
        Map<CallerKind, Integer> creatorsOnly = Map.of(CallerKind.VIEWER, 403, CallerKind.EDITOR, 403,
                CallerKind.ADMIN, 201, CallerKind.STRANGER, 403, CallerKind.ADMIN_OF_ANOTHER_PROJECT, 201);
        entry("POST", "/v1/projects", w -> post("/v1/projects").json("{\"key\":\"" + AdminFixture.newProjectKey("new")
                + "\",\"name\":\"New\"}"), creatorsOnly);
        entry("GET", "/v1/projects", w -> get("/v1/projects"), everyone(200));
        entry("GET", p, w -> get(p), role(Role.VIEWER, 200));
        entry("PUT", p, w -> call("PUT", p).ifMatch("\"2\"").json("{\"name\":\"renamed\"}"), role(Role.ADMIN, 200));
        entry("POST", p + "/environments", w -> post(p + "/environments").json("{\"key\":\"qa\",\"name\":\"QA\"}"),
                role(Role.ADMIN, 201));
        entry("GET", p + "/environments", w -> get(p + "/environments"), role(Role.VIEWER, 200));
        entry("GET", e, w -> get(e), role(Role.VIEWER, 200));
        entry("GET", p + "/flags", w -> get(p + "/flags"), role(Role.VIEWER, 200));
        entry("GET", p + "/flags/{flag}", w -> get(p + "/flags/{flag}"), role(Role.VIEWER, 200));
        entry("PUT", p + "/flags/{flag}", w -> call("PUT", p + "/flags/{flag}").ifMatch("\"1\"").json(definition("Renamed")),
                role(Role.EDITOR, 200));
        entry("GET", c, w -> get(c), role(Role.VIEWER, 200));
        entry("PUT", c, w -> call("PUT", c).ifMatch("\"2\"").json("{\"on\":false,\"fallthrough\":{\"variation\":1}}"),
                role(Role.EDITOR, 200));
        entry("POST", c + "/kill", w -> post(c + "/kill"), role(Role.EDITOR, 200));
        entry("GET", c + "/history", w -> get(c + "/history"), role(Role.VIEWER, 200));
        entry("POST", c + "/rollback", w -> post(c + "/rollback").json("{\"version\":1}"), role(Role.EDITOR, 200));
        entry("GET", e + "/segments", w -> get(e + "/segments"), role(Role.VIEWER, 200));
        entry("GET", s, w -> get(s), role(Role.VIEWER, 200));
        entry("PUT", s, w -> call("PUT", s).ifMatch("\"1\"").json("{\"included\":[\"b\"]}"), role(Role.EDITOR, 200));
        entry("DELETE", s, w -> call("DELETE", s).ifMatch("\"1\""), role(Role.EDITOR, 204));
        entry("GET", s + "/history", w -> get(s + "/history"), role(Role.VIEWER, 200));
        entry("POST", s + "/rollback", w -> post(s + "/rollback").json("{\"version\":1}"), role(Role.EDITOR, 200));
        entry("GET", p + "/audit", w -> get(p + "/audit"), role(Role.VIEWER, 200));
        entry("GET", e + "/audit", w -> get(e + "/audit"), role(Role.VIEWER, 200));
        entry("POST", k, w -> post(k).json("{\"name\":\"second\"}"), role(Role.ADMIN, 201));
        entry("GET", k, w -> get(k), role(Role.VIEWER, 200));
        entry("DELETE", k + "/{id}", w -> call("DELETE", k + "/" + w.sdkKeyId()), role(Role.ADMIN, 200));
        entry("POST", k + "/{id}/resync", w -> post(k + "/" + w.sdkKeyId() + "/resync"), role(Role.ADMIN, 200));
        entry("POST", e + "/evaluate", w -> post(e + "/evaluate").json("{\"contexts\":[{\"key\":\"a\"}]}"),
                role(Role.VIEWER, 200));
        entry("GET", e + "/flags/insights", w -> get(e + "/flags/insights"), role(Role.VIEWER, 200));
        entry("GET", c + "/insights", w -> get(c + "/insights"), role(Role.VIEWER, 200));
        entry("GET", e + "/stale-flags", w -> get(e + "/stale-flags"), role(Role.VIEWER, 200));

        entry("PUT", e, w -> call("PUT", e).ifMatch("\"1\"").json("{\"name\":\"Production\",\"protected\":true}"),
                role(Role.ADMIN, 200));
        String r = e + "/change-requests";
        entry("POST", r, w -> post(r).json(ON_REQUEST), role(Role.EDITOR, 201));
        entry("GET", r, w -> get(r), role(Role.VIEWER, 200));
        entry("GET", r + "/{id}", w -> get(r + "/" + w.openRequest()), role(Role.VIEWER, 200));
        // Only the author (the editor) edits; the author never reviews its own request; an editor other than the
        // author applies (authorMayApply is false by default).
        entry("PUT", r + "/{id}", w -> call("PUT", r + "/" + w.openRequest()).ifMatch("\"1\"").json(ON_REQUEST),
                authorOnly(200));
        entry("POST", r + "/{id}/reviews", w -> post(r + "/" + w.openRequest() + "/reviews")
                .json("{\"decision\":\"approve\"}"), notTheAuthor(200));
        entry("POST", r + "/{id}/apply", w -> post(r + "/" + w.approvedRequest() + "/apply"), notTheAuthor(200));
        entry("POST", r + "/{id}/rebase", w -> post(r + "/" + w.staleRequest() + "/rebase"), role(Role.EDITOR, 200));
        entry("POST", r + "/{id}/withdraw", w -> post(r + "/" + w.openRequest() + "/withdraw"),
                role(Role.EDITOR, 200));
        entry("POST", p + "/flags/{flag}/promote", w -> post(p + "/flags/{flag}/promote")
                .json("{\"from\":\"" + ENV + "\",\"to\":\"" + STAGING + "\"}"), role(Role.EDITOR, 200));
        entry("POST", c + "/schedules", w -> post(c + "/schedules").json("{\"at\":\""
                + AdminFixture.NOW.plusSeconds(3600) + "\",\"change\":{\"on\":true}}"), role(Role.EDITOR, 201));
        entry("GET", c + "/schedules", w -> get(c + "/schedules"), role(Role.VIEWER, 200));
        entry("DELETE", c + "/schedules/{id}", w -> call("DELETE", c + "/schedules/" + w.scheduleId()),
                role(Role.EDITOR, 200));
        entry("POST", c + "/rollouts", w -> post(c + "/rollouts").json(RAMP_PLAN), role(Role.EDITOR, 201));
        String ramp = e + "/flags/" + RAMP + "/rollouts/current";
        entry("GET", c + "/rollouts/current", w -> get(ramp), role(Role.VIEWER, 200));
        entry("POST", c + "/rollouts/current/pause", w -> post(ramp + "/pause"), role(Role.EDITOR, 200));
        entry("POST", c + "/rollouts/current/resume", w -> post(e + "/flags/" + RAMP_PAUSED + "/rollouts/current/resume"),
                role(Role.EDITOR, 200));
        entry("POST", c + "/rollouts/current/advance", w -> post(ramp + "/advance"), role(Role.EDITOR, 200));
        entry("POST", c + "/rollouts/current/abort", w -> post(ramp + "/abort"), role(Role.EDITOR, 200));
    }

    /** Only the author of the world's requests, the editor, succeeds; the admin and the viewer get 403. */
    private static Map<CallerKind, Integer> authorOnly(int success) {
        Map<CallerKind, Integer> statuses = role(Role.EDITOR, success);
        statuses.put(CallerKind.ADMIN, 403);
        return statuses;
    }

    /** The admin succeeds; the editor, author of the world's requests, and the viewer get 403. */
    private static Map<CallerKind, Integer> notTheAuthor(int success) {
        Map<CallerKind, Integer> statuses = role(Role.ADMIN, success);
        statuses.put(CallerKind.EDITOR, 403);
        return statuses;
    }

    enum Role { VIEWER, EDITOR, ADMIN }

    /** Project-scoped: enough role → {@code success}, too weak a role → 403, no role at all → 404. */
    private static Map<CallerKind, Integer> role(Role minimum, int success) {
        Map<CallerKind, Integer> statuses = new LinkedHashMap<>();
        statuses.put(CallerKind.VIEWER, Role.VIEWER.compareTo(minimum) >= 0 ? success : 403);
        statuses.put(CallerKind.EDITOR, Role.EDITOR.compareTo(minimum) >= 0 ? success : 403);
        statuses.put(CallerKind.ADMIN, success);
        statuses.put(CallerKind.STRANGER, 404);
        statuses.put(CallerKind.ADMIN_OF_ANOTHER_PROJECT, 404);
        return statuses;
    }

    private static Map<CallerKind, Integer> everyone(int status) {
        Map<CallerKind, Integer> statuses = new LinkedHashMap<>();
        for (CallerKind kind : CallerKind.values()) {
            statuses.put(kind, status);
        }
        return statuses;
    }

    private static void entry(String method, String template, Function<World, AdminFixture.Call> request,
                              Map<CallerKind, Integer> statuses) {
        MATRIX.put(method + " " + template, new Entry(request, statuses));
    }

    // Requests are built with templates; send() fills the variables in for the world at hand.
    private static AdminFixture.Call get(String template) {
        return call("GET", template);
    }

    private static AdminFixture.Call post(String template) {
        return call("POST", template);
    }

    private static AdminFixture.Call call(String method, String template) {
        return api.call(method, template);
    }

    private static String definition(String name) {
        return "{\"name\":\"" + name + "\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}";
    }

    @Test
    void everyRouteHasAnEntryAndEveryEntryARoute() {
        Set<String> routes = new TreeSet<>();
        for (Route route : api.handler.api().router().routes()) {
            routes.add(route.signature());
        }
        assertThat(new TreeSet<>(MATRIX.keySet()))
                .as("routes without an authorisation matrix entry, or entries without a route")
                .isEqualTo(routes);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : api.handler.api().router().routes()) {
            Entry entry = MATRIX.get(route.signature());
            if (entry == null) {
                continue; // reported by everyRouteHasAnEntryAndEveryEntryARoute
            }
            for (CallerKind caller : CallerKind.values()) {
                int expected = entry.statuses().get(caller);
                tests.add(DynamicTest.dynamicTest(route.signature() + " as " + caller + " → " + expected,
                        () -> check(route, entry, caller, expected)));
            }
        }
        return tests.stream();
    }

    private static void check(Route route, Entry entry, CallerKind caller, int expected) {
        World world = newWorld();
        String before = fingerprint(world);
        int changesBefore = api.changes.get();

        AdminFixture.Call call = entry.request().apply(world).as(caller.principal);
        AdminFixture.Reply reply = call.pathVariables(variables(world)).send();

        assertThat(reply.status()).as(route.signature() + " as " + caller + ": " + reply.text()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(api.changes.get()).as("a refused call commits no change").isEqualTo(changesBefore);
            assertThat(fingerprint(world)).as("a refused call leaves the stored state as it was").isEqualTo(before);
            assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        }
        if (route.signature().equals("GET /v1/projects")) {
            List<String> listed = reply.json().path("items").findValuesAsText("key");
            assertThat(listed.contains(world.project())).as("the list shows the world's project to " + caller)
                    .isEqualTo(caller != CallerKind.STRANGER && caller != CallerKind.ADMIN_OF_ANOTHER_PROJECT);
        }
    }

    private static Map<String, String> variables(World world) {
        return Map.of("project", world.project(), "env", ENV, "flag", FLAG, "segment", SEGMENT);
    }

    /** A project with an environment, a flag (configured twice), a segment, an SDK key, and the roles. */
    private static World newWorld() {
        String project = api.project("matrix", ENV);
        api.call("PUT", "/v1/projects/" + project).ifMatch("\"1\"").json("{\"name\":\"matrix\",\"roles\":{\""
                + ADMIN + "\":\"admin\",\"" + EDITOR + "\":\"editor\",\"" + VIEWER + "\":\"viewer\"}}").expect(200);
        api.booleanFlag(project, FLAG);
        String config = "/v1/projects/" + project + "/environments/" + ENV + "/flags/" + FLAG;
        api.call("PUT", config).json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);
        api.call("PUT", config).ifMatch("\"1\"").json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(200);
        api.call("PUT", "/v1/projects/" + project + "/environments/" + ENV + "/segments/" + SEGMENT)
                .json("{\"included\":[\"a\"]}").expect(201);
        String keyId = api.call("POST", "/v1/projects/" + project + "/environments/" + ENV + "/sdk-keys")
                .expect(201).json().path("id").asText();
        api.call("POST", "/v1/projects/" + project + "/environments").json("{\"key\":\"" + STAGING
                + "\",\"name\":\"Staging\"}").expect(201);
        String requests = "/v1/projects/" + project + "/environments/" + ENV + "/change-requests";
        String open = api.call("POST", requests).as(EDITOR).json(ON_REQUEST).expect(201).json().path("id").asText();
        String approved = api.call("POST", requests).as(EDITOR).json("{\"title\":\"Add c\",\"changes\":[{\"segment\":\""
                + SEGMENT + "\",\"definition\":{\"included\":[\"a\",\"c\"]}}]}").expect(201).json().path("id").asText();
        api.call("POST", requests + "/" + approved + "/reviews").json("{\"decision\":\"approve\"}").expect(200);
        String stale = api.call("POST", requests).as(EDITOR).json("{\"title\":\"Old\",\"changes\":[{\"flag\":\""
                + FLAG + "\",\"on\":false,\"basedOn\":1}]}").expect(201).json().path("id").asText();
        api.call("POST", requests + "/" + stale + "/reviews").json("{\"decision\":\"approve\"}").expect(200);
        api.call("POST", requests + "/" + stale + "/apply").expect(409);
        String scheduleId = api.call("POST", config + "/schedules").json("{\"at\":\""
                + AdminFixture.NOW.plusSeconds(600) + "\",\"change\":{\"on\":false}}").expect(201).json()
                .path("id").asText();
        for (String flag : List.of(RAMP, RAMP_PAUSED)) {
            api.booleanFlag(project, flag);
            String flagConfig = "/v1/projects/" + project + "/environments/" + ENV + "/flags/" + flag;
            api.call("PUT", flagConfig).json("{\"on\":true,\"fallthrough\":{\"variation\":1}}").expect(201);
            api.call("POST", flagConfig + "/rollouts").json(RAMP_PLAN).expect(201);
        }
        api.call("POST", "/v1/projects/" + project + "/environments/" + ENV + "/flags/" + RAMP_PAUSED
                + "/rollouts/current/pause").expect(200);
        otherProjectOfOlga();
        return new World(project, keyId, open, approved, stale, scheduleId);
    }

    private static boolean otherProjectCreated;

    private static void otherProjectOfOlga() {
        if (!otherProjectCreated) {
            api.call("POST", "/v1/projects").as(OTHER_ADMIN).json("{\"key\":\"olgas-project\",\"name\":\"O\"}")
                    .expect(201);
            otherProjectCreated = true;
        }
    }

    /** Everything stored about the world's project (and how many projects exist), as text. */
    private static String fingerprint(World world) {
        FlagRepository store = api.repository;
        String p = world.project();
        StringBuilder text = new StringBuilder();
        text.append(store.listProjects(null, 200).items().stream().map(v -> v.value().key() + "@" + v.version())
                .toList());
        text.append(store.getProject(p).map(AuthorisationMatrixTest::describe).orElse("-"));
        text.append(store.listEnvironments(p).stream().map(AuthorisationMatrixTest::describe).toList());
        text.append(store.listFlagDefinitions(p, null, null, 200).items().stream()
                .map(AuthorisationMatrixTest::describe).toList());
        text.append(store.flagConfigHistory(p, ENV, FLAG).stream().map(h -> h.version() + h.action()).toList());
        text.append(store.listSegments(p, ENV).stream().map(AuthorisationMatrixTest::describe).toList());
        text.append(store.listSdkKeys(p, ENV).stream().map(k -> k.id() + ":" + k.revokedAt()).toList());
        text.append(((ChangeRequestStore) store).listChangeRequests(p, ENV).stream()
                .map(AuthorisationMatrixTest::describe).toList());
        text.append(store.flagConfigHistory(p, STAGING, FLAG).stream().map(h -> h.version() + h.action()).toList());
        for (String flag : List.of(FLAG, RAMP, RAMP_PAUSED)) {
            if (!flag.equals(FLAG)) { // the flag's own history is above
                text.append(store.flagConfigHistory(p, ENV, flag).stream().map(h -> h.version() + h.action())
                        .toList());
            }
            for (String kind : List.of("schedule", "rollout")) {
                text.append(api.release.list(p, ENV, flag, kind).stream()
                        .map(r -> r.key().id() + "@" + r.revision() + r.body()).toList());
            }
        }
        return text.toString();
    }

    private static String describe(Versioned<?> versioned) {
        return versioned.value() + "@" + versioned.version();
    }

    /** Fills {@code {name}} variables of a template path. */
    static String fill(String template, Map<String, String> variables) {
        Matcher variable = Pattern.compile("\\{([a-z]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = variables.get(variable.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + variable.group(1) + "} in " + template);
            }
            variable.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(path).toString();
    }
}
