package dev.vexil.functions.admin;

import static dev.vexil.functions.admin.AdminFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.release.GuardAlarms;
import dev.vexil.core.release.ReleaseAutomation;
import dev.vexil.core.store.support.WriteFaults;
import dev.vexil.localstore.release.SqliteReleaseStore;
import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change requests through the admin API (docs/change-requests.md): review rules, all-or-nothing apply (with a crash
 * and a concurrent kill injected between the writes), rebase, the protection of direct writes, and promotion.
 */
class ChangeRequestsTest {
    private static final String BOB = "arn:aws:iam::123456789012:user/bob";
    private static final String CAROL = "arn:aws:iam::123456789012:user/carol";
    private static final String DAVE = "arn:aws:iam::123456789012:user/dave";
    private static final String VIC = "arn:aws:iam::123456789012:user/vic";
    private static final String ON = "{\"on\":true,\"fallthrough\":{\"variation\":0}}";

    @TempDir
    Path dir;

    /** Runs once after the given number of further version entries (history writes) of any change. */
    private final AtomicReference<Runnable> fault = new AtomicReference<>();
    private final AtomicInteger writesUntilFault = new AtomicInteger(-1);
    private SqliteFlagRepository repository;
    private SqliteReleaseStore releases;
    private AdminFixture api;
    private final SettableClock clock = new SettableClock(AdminFixture.NOW);

    @BeforeEach
    void start() {
        repository = new SqliteFlagRepository(dir.resolve("vexil.db"), step -> {
            if (step == WriteFaults.Step.HISTORY && writesUntilFault.get() > 0
                    && writesUntilFault.decrementAndGet() == 0) {
                fault.getAndSet(() -> { }).run();
            }
        });
        releases = new SqliteReleaseStore(dir.resolve("release.db"));
        api = new AdminFixture(repository, clock, AdminLimits.QUOTAS_ONLY, releases);
    }

    @AfterEach
    void stop() {
        releases.close();
        repository.close();
    }

    /** After {@code writes} more history entries, {@code action} runs (and may throw: a crash). */
    private void afterWrites(int writes, Runnable action) {
        fault.set(action);
        writesUntilFault.set(writes);
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    /**
     * A project with flags "checkout" and "search" configured on in "production", and a segment "beta"; then
     * production is made protected with {@code approvals} required. Alice admin, Bob, Carol and Dave editors, Vic
     * viewer.
     */
    private String protectedProject(String hint, int approvals) {
        String p = api.project(hint, "production", "staging");
        api.call("PUT", "/v1/projects/" + p).ifMatch("\"1\"").json("{\"name\":\"" + hint + "\",\"roles\":{\""
                + ALICE + "\":\"admin\",\"" + BOB + "\":\"editor\",\"" + CAROL + "\":\"editor\",\"" + DAVE
                + "\":\"editor\",\"" + VIC + "\":\"viewer\"}}").expect(200);
        for (String flag : List.of("checkout", "search")) {
            api.booleanFlag(p, flag);
            api.call("PUT", config(p, "production", flag)).json(ON).expect(201);
        }
        api.call("PUT", env(p) + "/segments/beta").json("{\"included\":[\"a\"]}").expect(201);
        api.call("PUT", env(p)).ifMatch("\"1\"").json("{\"name\":\"Production\",\"protected\":true,"
                + "\"review\":{\"requiredApprovals\":" + approvals + "}}").expect(200);
        return p;
    }

    private static String env(String p) {
        return "/v1/projects/" + p + "/environments/production";
    }

    private static String config(String p, String env, String flag) {
        return "/v1/projects/" + p + "/environments/" + env + "/flags/" + flag;
    }

    private static String requests(String p) {
        return env(p) + "/change-requests";
    }

    private String propose(String p, String author, String changes) {
        clock.advance(java.time.Duration.ofSeconds(1)); // ids are time-ordered
        return api.call("POST", requests(p)).as(author).json("{\"title\":\"t\",\"description\":\"d\",\"changes\":"
                + changes + "}").expect(201).json().path("id").asText();
    }

    private AdminFixture.Reply review(String p, String id, String who, String decision) {
        return api.call("POST", requests(p) + "/" + id + "/reviews").as(who)
                .json("{\"decision\":\"" + decision + "\",\"comment\":\"by " + who + "\"}").send();
    }

    private JsonNode request(String p, String id) {
        return api.get(requests(p) + "/" + id).as(VIC).expect(200).json();
    }

    private JsonNode flag(String p, String flag) {
        return api.get(config(p, "production", flag)).expect(200).json();
    }

    private String state(String p, String id) {
        return request(p, id).path("state").asText();
    }

    // --- environment settings ---------------------------------------------------------------------------------

    @Test
    void anAdminUpdatesAnEnvironmentWithIfMatchAndItsReviewSettingsAreValidated() {
        String p = api.project("settings", "production");
        api.call("PUT", env(p)).json("{\"name\":\"Prod\"}").expect(428);
        api.call("PUT", env(p)).ifMatch("\"1\"").as(BOB).json("{\"name\":\"Prod\"}").expect(404); // no role
        AdminFixture.Reply bad = api.call("PUT", env(p)).ifMatch("\"1\"").json("{\"name\":\"Prod\",\"review\":"
                + "{\"requiredApprovals\":6,\"approverRoles\":[\"owner\"],\"extra\":1}}").expect(400);
        assertThat(bad.errorPaths()).containsExactlyInAnyOrder("review.requiredApprovals",
                "review.approverRoles[0]", "review.extra");
        assertThat(api.get(env(p)).expect(200).json().path("version").asLong()).isEqualTo(1);

        JsonNode updated = api.call("PUT", env(p)).ifMatch("\"1\"").json("{\"name\":\"Prod\",\"protected\":true,"
                + "\"review\":{\"requiredApprovals\":3,\"authorMayApply\":true,\"approverRoles\":[\"admin\"]}}")
                .expect(200).json();
        assertThat(updated.path("version").asLong()).isEqualTo(2);
        assertThat(updated.path("protected").asBoolean()).isTrue();
        assertThat(updated.path("review")).isEqualTo(AdminFixture.json(
                "{\"requiredApprovals\":3,\"authorMayApply\":true,\"approverRoles\":[\"admin\"]}"));
        api.call("PUT", env(p)).ifMatch("\"1\"").json("{\"name\":\"Again\"}").expect(412);
        JsonNode audit = api.get("/v1/projects/" + p + "/audit").query("resourceType", "ENVIRONMENT").expect(200)
                .json().path("items");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("update");
    }

    // --- review rules -------------------------------------------------------------------------------------------

    @Test
    void selfApprovalIsRefusedAndChangesNothing() {
        String p = protectedProject("self", 1);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false}]");
        JsonNode created = request(p, id);

        AdminFixture.Reply refused = review(p, id, BOB, "approve");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("author");
        assertThat(request(p, id)).isEqualTo(created);
    }

    @Test
    void aRequestNeedingTwoApprovalsAppliesOnlyAfterTwoDistinctApprovers() {
        String p = protectedProject("two", 2);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false}]");
        assertThat(review(p, id, CAROL, "approve").status()).isEqualTo(200);
        assertThat(state(p, id)).isEqualTo("open");
        assertThat(api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).send().status()).isEqualTo(409);

        AdminFixture.Reply twice = review(p, id, CAROL, "approve");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("detail").asText()).contains("at most once");
        assertThat(request(p, id).path("approvals")).hasSize(1);
        assertThat(review(p, id, VIC, "approve").status()).as("viewers are no approvers here").isEqualTo(403);

        assertThat(review(p, id, ALICE, "approve").status()).isEqualTo(200);
        assertThat(state(p, id)).isEqualTo("approved");
        assertThat(flag(p, "checkout").path("on").asBoolean()).isTrue();
        assertThat(api.call("POST", requests(p) + "/" + id + "/apply").as(BOB).send().status())
                .as("the author may not apply here").isEqualTo(403);

        JsonNode applied = api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(200).json();
        assertThat(applied.path("state").asText()).isEqualTo("applied");
        assertThat(flag(p, "checkout").path("on").asBoolean()).isFalse();
        JsonNode entry = api.get(config(p, "production", "checkout") + "/history").expect(200).json()
                .path("items").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("apply");
        assertThat(entry.path("principal").asText()).isEqualTo(DAVE);
        assertThat(entry.path("comment").asText()).contains(id).contains(CAROL).contains(ALICE).contains(BOB);

        AdminFixture.Reply closed = review(p, id, CAROL, "reject");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().path("detail").asText()).contains("applied");
        JsonNode audit = api.get(env(p) + "/audit").query("resourceType", "CHANGE_REQUEST").expect(200).json()
                .path("items");
        assertThat(audit.findValuesAsText("action")).containsExactly("applied", "apply", "approve", "approve",
                "create");
    }

    @Test
    void approverRolesAndAuthorMayApplyAreHonoured() {
        String p = protectedProject("roles", 1);
        api.call("PUT", env(p)).ifMatch("\"2\"").json("{\"name\":\"Production\",\"protected\":true,"
                + "\"review\":{\"approverRoles\":[\"admin\"],\"authorMayApply\":true}}").expect(200);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false}]");

        AdminFixture.Reply editor = review(p, id, CAROL, "approve");
        assertThat(editor.status()).isEqualTo(403);
        assertThat(editor.json().path("detail").asText()).contains("[admin]");
        assertThat(review(p, id, ALICE, "approve").status()).isEqualTo(200);
        assertThat(api.call("POST", requests(p) + "/" + id + "/apply").as(BOB).expect(200).json().path("state")
                .asText()).as("the author applies: authorMayApply").isEqualTo("applied");
    }

    @Test
    void aRejectedRequestIsClosedAndAScheduledOneWaitsForItsTime() {
        String p = protectedProject("reject", 1);
        String rejected = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false}]");
        assertThat(review(p, rejected, BOB, "reject").status()).as("the author withdraws instead").isEqualTo(403);
        assertThat(review(p, rejected, CAROL, "reject").status()).isEqualTo(200);
        assertThat(state(p, rejected)).isEqualTo("rejected");
        assertThat(review(p, rejected, ALICE, "approve").status()).isEqualTo(409);
        api.call("POST", requests(p) + "/" + rejected + "/apply").as(DAVE).expect(409);
        api.call("POST", requests(p) + "/" + rejected + "/withdraw").as(BOB).expect(409);

        String scheduled = api.call("POST", requests(p)).as(BOB).json("{\"title\":\"at nine\",\"applyAt\":"
                + "\"2026-12-02T09:00:00Z\",\"changes\":[{\"flag\":\"checkout\",\"on\":false}]}").expect(201)
                .json().path("id").asText();
        review(p, scheduled, CAROL, "approve");
        AdminFixture.Reply early = api.call("POST", requests(p) + "/" + scheduled + "/apply").as(DAVE).expect(409);
        assertThat(early.json().path("detail").asText()).contains("2026-12-02T09:00:00Z");
        assertThat(flag(p, "checkout").path("on").asBoolean()).isTrue();
        clock.set(java.time.Instant.parse("2026-12-02T09:00:00Z"));
        api.call("POST", requests(p) + "/" + scheduled + "/apply").as(DAVE).expect(200);
        assertThat(flag(p, "checkout").path("on").asBoolean()).isFalse();
    }

    @Test
    void editingARequestVoidsItsApprovals() {
        String p = protectedProject("voided", 1);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false}]");
        review(p, id, CAROL, "approve");
        assertThat(state(p, id)).isEqualTo("approved");

        api.call("PUT", requests(p) + "/" + id).as(CAROL).ifMatch("\"2\"")
                .json("{\"title\":\"t\",\"changes\":[{\"flag\":\"search\",\"on\":false}]}").expect(403);
        api.call("PUT", requests(p) + "/" + id).as(BOB)
                .json("{\"title\":\"t\",\"changes\":[{\"flag\":\"search\",\"on\":false}]}").expect(428);
        JsonNode edited = api.call("PUT", requests(p) + "/" + id).as(BOB).ifMatch("\"2\"")
                .json("{\"title\":\"search instead\",\"changes\":[{\"flag\":\"search\",\"on\":false}]}").expect(200)
                .json();
        assertThat(edited.path("state").asText()).isEqualTo("open");
        assertThat(edited.path("approvals")).isEmpty();
        assertThat(edited.path("reviews").get(0).path("voided").asBoolean()).isTrue();
        assertThat(edited.path("reviews").get(0).path("comment").asText()).isEqualTo("by " + CAROL);
        api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(409);

        assertThat(review(p, id, CAROL, "approve").status()).as("a voided approval may be given again")
                .isEqualTo(200);
        api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(200);
        assertThat(flag(p, "search").path("on").asBoolean()).isFalse();
        assertThat(flag(p, "checkout").path("on").asBoolean()).isTrue();
    }

    @Test
    void aStaleRequestAppliesNothingAndIsRebased() {
        String p = protectedProject("stale", 1);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false}]");
        review(p, id, CAROL, "approve");
        api.call("POST", config(p, "production", "checkout") + "/kill").json("{\"comment\":\"incident\"}")
                .expect(200);

        AdminFixture.Reply stale = api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(409);
        assertThat(stale.json().path("state").asText()).isEqualTo("stale");
        assertThat(state(p, id)).isEqualTo("stale");
        assertThat(request(p, id).path("outcome").asText()).contains("checkout");
        assertThat(review(p, id, ALICE, "approve").status()).isEqualTo(409);

        JsonNode rebased = api.call("POST", requests(p) + "/" + id + "/rebase").as(BOB).expect(200).json();
        assertThat(rebased.path("state").asText()).isEqualTo("open");
        assertThat(rebased.path("changes").get(0).path("basedOn").asLong()).isEqualTo(2);
        assertThat(rebased.path("approvals")).isEmpty();
        review(p, id, ALICE, "approve");
        api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(200);
        assertThat(flag(p, "checkout").path("version").asLong()).isEqualTo(3);
    }

    @Test
    void aMultiChangeRequestThatIsPartlyStaleAppliesNothing() {
        String p = protectedProject("partly", 1);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false},"
                + "{\"flag\":\"search\",\"configuration\":{\"on\":true,\"fallthrough\":{\"variation\":1}}},"
                + "{\"segment\":\"beta\",\"definition\":{\"included\":[\"a\",\"b\"]}}]");
        review(p, id, CAROL, "approve");
        api.call("POST", config(p, "production", "search") + "/kill").json("{\"comment\":\"incident\"}").expect(200);
        JsonNode checkout = flag(p, "checkout");
        JsonNode beta = api.get(env(p) + "/segments/beta").expect(200).json();

        api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(409);
        assertThat(flag(p, "checkout")).isEqualTo(checkout);
        assertThat(api.get(env(p) + "/segments/beta").expect(200).json()).isEqualTo(beta);
        assertThat(state(p, id)).isEqualTo("stale");
        assertThat(request(p, id).path("outcome").asText()).contains("search").doesNotContain("checkout");
    }

    @Test
    void aKillBetweenTheCheckAndTheWritesUndoesWhatWasAppliedAndLeavesTheKill() {
        String p = protectedProject("race", 1);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"configuration\":{\"on\":true,"
                + "\"fallthrough\":{\"variation\":1}}},{\"flag\":\"search\",\"configuration\":{\"on\":true,"
                + "\"fallthrough\":{\"variation\":1}}}]");
        review(p, id, CAROL, "approve");
        JsonNode checkoutBefore = flag(p, "checkout");
        // writes of the apply: the request's intent, then checkout; then search is killed by another writer
        afterWrites(2, () -> api.call("POST", config(p, "production", "search") + "/kill").as(ALICE)
                .json("{\"comment\":\"emergency\"}").expect(200));

        api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(409);

        assertThat(state(p, id)).isEqualTo("stale");
        JsonNode checkout = flag(p, "checkout");
        assertThat(checkout.path("fallthrough")).isEqualTo(checkoutBefore.path("fallthrough"));
        assertThat(checkout.path("version").asLong()).isEqualTo(3);
        assertThat(api.get(config(p, "production", "checkout") + "/history").expect(200).json().path("items")
                .findValuesAsText("action")).containsExactly("compensate", "apply", "create");
        JsonNode search = flag(p, "search");
        assertThat(search.path("on").asBoolean()).as("the kill stays").isFalse();
        assertThat(search.path("fallthrough").path("variation").asInt()).isEqualTo(0);
    }

    @Test
    void anApplyInterruptedBetweenItsWritesIsFinishedByTheNextRead() {
        String p = protectedProject("crash", 1);
        String id = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false},{\"flag\":\"search\",\"on\":false}]");
        review(p, id, CAROL, "approve");
        afterWrites(2, () -> {
            throw new WriteFaults.SimulatedCrash(WriteFaults.Step.HISTORY);
        });

        api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(500);
        assertThat(flag(p, "checkout").path("on").asBoolean()).isFalse();
        assertThat(flag(p, "search").path("on").asBoolean()).as("not written before the crash").isTrue();

        clock.advance(java.time.Duration.ofMinutes(2)); // the crashed applier's lease has run out
        JsonNode finished = request(p, id);
        assertThat(finished.path("state").asText()).isEqualTo("applied");
        assertThat(flag(p, "search").path("on").asBoolean()).isFalse();
        assertThat(api.get(config(p, "production", "checkout") + "/history").expect(200).json().path("items")
                .findValuesAsText("action")).as("each change written once").containsExactly("apply", "create");
    }

    @Test
    void aTimedApplyInterruptedBetweenItsWritesIsFinishedByTheNextTick() {
        String p = protectedProject("timed-crash", 1);
        String id = api.call("POST", requests(p)).as(BOB).json("{\"title\":\"at nine\",\"applyAt\":"
                + "\"2026-12-02T09:00:00Z\",\"changes\":[{\"flag\":\"checkout\",\"on\":false},"
                + "{\"flag\":\"search\",\"on\":false}]}").expect(201).json().path("id").asText();
        review(p, id, CAROL, "approve");
        clock.set(java.time.Instant.parse("2026-12-02T09:00:00Z"));
        afterWrites(2, () -> {
            throw new WriteFaults.SimulatedCrash(WriteFaults.Step.HISTORY);
        });

        assertThat(scheduler().tick()).as("the scheduler crashed mid-apply").isZero();
        assertThat(flag(p, "checkout").path("on").asBoolean()).isFalse();
        assertThat(flag(p, "search").path("on").asBoolean()).as("not written before the crash").isTrue();

        clock.advance(java.time.Duration.ofMinutes(2)); // the crashed scheduler's claim and apply lease have run out
        assertThat(scheduler().tick()).isEqualTo(1);
        assertThat(state(p, id)).isEqualTo("applied");
        assertThat(flag(p, "search").path("on").asBoolean()).isFalse();
        for (String flag : List.of("checkout", "search")) {
            assertThat(api.get(config(p, "production", flag) + "/history").expect(200).json().path("items")
                    .findValuesAsText("principal")).as(flag + " written once, by the scheduler")
                    .containsExactly("vexil:scheduler", ALICE);
        }
    }

    private dev.vexil.core.release.ReleaseScheduler scheduler() {
        return new ReleaseAutomation(releases, GuardAlarms.ANY_NAME).scheduler(repository, AdminJson.newMapper(),
                clock);
    }

    // --- direct writes and the kill switch -------------------------------------------------------------------

    @Test
    void theEmergencyKillStillWorksInAProtectedEnvironmentAndIsAudited() {
        String p = protectedProject("kill", 2);
        api.call("PUT", config(p, "production", "checkout")).ifMatch("\"1\"").comment("c").json(ON).expect(403);
        api.call("PUT", env(p) + "/segments/beta").ifMatch("\"1\"").comment("c").json("{\"included\":[]}")
                .expect(403);
        api.call("DELETE", env(p) + "/segments/beta").ifMatch("\"1\"").comment("c").expect(403);
        api.call("POST", env(p) + "/segments/beta/rollback").comment("c").json("{\"version\":1}").expect(403);

        clock.advance(java.time.Duration.ofSeconds(1));
        api.call("POST", config(p, "production", "checkout") + "/kill").as(BOB).json("{\"comment\":\"fire\"}")
                .expect(200);
        assertThat(flag(p, "checkout").path("on").asBoolean()).isFalse();
        JsonNode audit = api.get(env(p) + "/audit").expect(200).json().path("items").get(0);
        assertThat(audit.path("action").asText()).isEqualTo("kill");
        assertThat(audit.path("principal").asText()).isEqualTo(BOB);
        assertThat(audit.path("comment").asText()).isEqualTo("fire");
    }

    // --- bad input ----------------------------------------------------------------------------------------------

    @Test
    void badRequestsAreRefusedWithTheirPathAndStoreNothing() {
        String p = protectedProject("bad", 1);
        assertThat(api.call("POST", requests(p)).as(BOB).json("{\"title\":\"t\",\"changes\":[{\"flag\":\"nope\","
                + "\"on\":false}]}").expect(400).errorPaths()).containsExactly("changes[0].flag");
        assertThat(api.call("POST", requests(p)).as(BOB).json("{\"title\":\"t\",\"changes\":[{\"segment\":\"nope\","
                + "\"delete\":true}]}").expect(400).errorPaths()).containsExactly("changes[0].segment");
        assertThat(api.call("POST", requests(p)).as(BOB).json("{\"changes\":[{\"flag\":\"checkout\",\"on\":1,"
                + "\"rollbackTo\":2}]}").expect(400).errorPaths()).containsExactly("title", "changes[0]");
        assertThat(api.call("POST", requests(p)).as(BOB).json("{\"title\":\"t\",\"changes\":[{\"flag\":\"checkout\","
                + "\"configuration\":{\"on\":true,\"fallthrough\":{\"variation\":7}}}]}").expect(400).errorPaths())
                .allMatch(path -> path.startsWith("changes[0].configuration."));
        assertThat(api.call("POST", requests(p)).as(BOB).json("{\"title\":\"t\",\"applyAt\":\"2020-01-01T00:00:00Z\","
                + "\"changes\":[{\"flag\":\"checkout\",\"on\":false}]}").expect(400).errorPaths())
                .containsExactly("applyAt");
        api.call("POST", requests(p)).as(VIC).json("{\"title\":\"t\",\"changes\":[{\"flag\":\"checkout\","
                + "\"on\":false}]}").expect(403);
        assertThat(api.get(requests(p)).query("state", "sideways").expect(400).errorPaths()).containsExactly("state");
        assertThat(api.get(requests(p)).expect(200).json().path("items")).isEmpty();
    }

    @Test
    void aRequestTooBigToApplyIsRefusedWhenItIsWritten() {
        String p = protectedProject("big", 1);
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 7000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"user-").append(String.format("%06d", i)).append('"');
        }
        String config = "{\"on\":true,\"targets\":[{\"variation\":1,\"keys\":[" + keys
                + "]}],\"fallthrough\":{\"variation\":0}}";
        AdminFixture.Reply refused = api.call("POST", requests(p)).as(BOB).json("{\"title\":\"big\",\"changes\":["
                + "{\"flag\":\"checkout\",\"configuration\":" + config + "},{\"flag\":\"search\",\"configuration\":"
                + config + "}]}").expect(413);
        assertThat(refused.json().path("detail").asText()).contains("split it");
        assertThat(api.get(requests(p)).expect(200).json().path("items")).isEmpty();
        api.call("POST", requests(p)).as(BOB).json("{\"title\":\"one\",\"changes\":[{\"flag\":\"checkout\","
                + "\"configuration\":" + config + "}]}").expect(201);
    }

    @Test
    void requestsAreListedByStateAuthorAndFlag() {
        String p = protectedProject("list", 1);
        String a = propose(p, BOB, "[{\"flag\":\"checkout\",\"on\":false}]");
        String b = propose(p, CAROL, "[{\"flag\":\"search\",\"on\":false}]");
        review(p, b, BOB, "approve");
        clock.advance(java.time.Duration.ofSeconds(1));
        String c = api.call("POST", requests(p)).as(BOB).json("{\"title\":\"later\",\"applyAt\":\"2027-01-01T00:00:00Z\","
                + "\"changes\":[{\"segment\":\"beta\",\"delete\":true}]}").expect(201).json().path("id").asText();
        api.call("POST", requests(p) + "/" + c + "/withdraw").as(BOB).expect(200);

        assertThat(ids(api.get(requests(p)).expect(200).json())).containsExactly(a, b, c);
        assertThat(ids(api.get(requests(p)).query("state", "approved").expect(200).json())).containsExactly(b);
        assertThat(ids(api.get(requests(p)).query("author", BOB).expect(200).json())).containsExactly(a, c);
        assertThat(ids(api.get(requests(p)).query("flag", "checkout").expect(200).json())).containsExactly(a);
        assertThat(request(p, c).path("applyAt").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(request(p, c).path("state").asText()).isEqualTo("withdrawn");
    }

    @Test
    void theCreateResponseCarriesTheDryRunImpact() {
        String p = protectedProject("impact", 1);
        JsonNode created = api.call("POST", requests(p)).as(BOB).json("{\"title\":\"off\",\"changes\":[{\"flag\":"
                + "\"checkout\",\"on\":false}],\"contexts\":[{\"key\":\"u1\"},{\"key\":\"u2\"}]}").expect(201).json();
        assertThat(created.path("state").asText()).isEqualTo("open");
        assertThat(created.path("author").asText()).isEqualTo(BOB);
        assertThat(created.path("changes").get(0).path("basedOn").asLong()).isEqualTo(1);
        JsonNode impact = created.path("impact").path("checkout");
        assertThat(impact.path("contexts").asInt()).isEqualTo(2);
        assertThat(impact.path("changed").asInt()).isEqualTo(2);
    }

    private static List<String> ids(JsonNode list) {
        return list.path("items").findValuesAsText("id");
    }

    // --- promotion ------------------------------------------------------------------------------------------------

    @Test
    void promotingIntoAnOpenEnvironmentWritesDirectlyAndShowsTheDiff() {
        String p = protectedProject("promote-open", 1);
        String staging = config(p, "staging", "checkout");
        api.call("PUT", staging).json("{\"on\":false,\"targets\":[{\"variation\":1,\"keys\":[\"x\"]}],"
                + "\"fallthrough\":{\"variation\":1}}").expect(201);
        api.call("POST", "/v1/projects/" + p + "/environments").json("{\"key\":\"qa\",\"name\":\"QA\"}").expect(201);
        api.call("PUT", config(p, "qa", "checkout")).json(ON).expect(201);
        JsonNode promoted = api.call("POST", "/v1/projects/" + p + "/flags/checkout/promote").as(BOB)
                .json("{\"from\":\"staging\",\"to\":\"qa\",\"include\":[\"targets\",\"fallthrough\"]}").expect(200)
                .json();
        assertThat(promoted.path("mode").asText()).isEqualTo("direct");
        assertThat(promoted.path("configuration").path("targets").get(0).path("keys").get(0).asText())
                .isEqualTo("x");
        assertThat(promoted.path("configuration").path("on").asBoolean()).as("on is not included").isTrue();
        assertThat(promoted.path("configuration").path("version").asLong()).isEqualTo(2);
        assertThat(promoted.path("diff").toString()).contains("/targets").contains("/fallthrough/variation");
        assertThat(api.get(config(p, "qa", "checkout")).expect(200).json().path("fallthrough").path("variation")
                .asInt()).isEqualTo(1);
    }

    @Test
    void promotingIntoAProtectedEnvironmentOpensAChangeRequest() {
        String p = protectedProject("promote-protected", 1);
        api.call("PUT", "/v1/projects/" + p + "/environments/staging/segments/beta").json("{\"included\":[\"q\"]}")
                .expect(201);
        api.call("PUT", config(p, "staging", "checkout")).json("{\"on\":true,\"rules\":[{\"id\":\"r\","
                + "\"clauses\":[{\"attribute\":\"key\",\"operator\":\"segmentMatch\",\"values\":[\"beta\"]}],"
                + "\"serve\":{\"variation\":1}}],\"fallthrough\":{\"variation\":0}}").expect(201);
        JsonNode before = flag(p, "checkout");

        JsonNode promoted = api.call("POST", "/v1/projects/" + p + "/flags/checkout/promote").as(BOB)
                .json("{\"from\":\"staging\",\"to\":\"production\",\"include\":[\"rules\"]}").expect(201).json();
        assertThat(promoted.path("mode").asText()).isEqualTo("change-request");
        assertThat(promoted.path("diff").toString()).contains("/rules/0");
        String id = promoted.path("changeRequest").path("id").asText();
        assertThat(promoted.path("changeRequest").path("state").asText()).isEqualTo("open");
        assertThat(flag(p, "checkout")).as("nothing written before review").isEqualTo(before);

        review(p, id, CAROL, "approve");
        api.call("POST", requests(p) + "/" + id + "/apply").as(DAVE).expect(200);
        assertThat(flag(p, "checkout").path("rules").get(0).path("id").asText()).isEqualTo("r");
    }

    @Test
    void promotionRefusesTheSameEnvironmentUnknownPartsAndMissingSegments() {
        String p = protectedProject("promote-bad", 1);
        String promote = "/v1/projects/" + p + "/flags/checkout/promote";
        assertThat(api.call("POST", promote).json("{\"from\":\"production\",\"to\":\"production\"}").expect(400)
                .errorPaths()).containsExactly("to");
        assertThat(api.call("POST", promote).json("{\"from\":\"production\",\"to\":\"staging\","
                + "\"include\":[\"rules\",\"colour\"]}").expect(400).errorPaths()).containsExactly("include[1]");

        api.call("PUT", env(p)).ifMatch("\"2\"").json("{\"name\":\"Production\"}").expect(200); // unprotect
        api.call("PUT", config(p, "production", "checkout")).ifMatch("\"1\"").json("{\"on\":true,\"rules\":[{\"id\":"
                + "\"r\",\"clauses\":[{\"attribute\":\"key\",\"operator\":\"segmentMatch\",\"values\":[\"beta\"]}],"
                + "\"serve\":{\"variation\":1}}],\"fallthrough\":{\"variation\":0}}").expect(200);
        AdminFixture.Reply missing = api.call("POST", promote).json("{\"from\":\"production\",\"to\":\"staging\"}")
                .expect(409);
        assertThat(missing.json().path("missingSegments").get(0).asText()).isEqualTo("beta");
        api.get(config(p, "staging", "checkout")).expect(404);
    }
}
