package dev.vexil.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.DryRunService;
import dev.vexil.core.admin.service.FlagConfigService;
import dev.vexil.core.admin.service.ProjectGuard;
import dev.vexil.core.admin.service.Role;
import dev.vexil.core.admin.service.SegmentService;
import dev.vexil.core.admin.service.WritePrecondition;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.review.ChangeRequest.Decision;
import dev.vexil.core.review.ChangeRequest.Review;
import dev.vexil.core.review.ChangeRequest.State;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.ReviewSettings;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.core.store.support.ItemLimits;
import dev.vexil.core.store.support.StoreJson;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Change requests of an environment (docs/change-requests.md): proposed by an editor, reviewed by principals of the
 * environment's approver roles, applied whole by an editor (or the author, if the environment allows it).
 * Every state change is one conditional write of the request, which the store audits.
 */
public final class ChangeRequestService {
    /** A review or edit that loses a race re-reads the request and decides again this often. */
    private static final int ATTEMPTS = 3;
    private static final Set<String> REVIEW_FIELDS = Set.of("decision", "comment");
    private static final int MAX_COMMENT = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Bytes of a stored request kept free for its reviews (each at most ~1,300 bytes). */
    private static final int ROOM_FOR_REVIEWS = 40_000;

    /** A request as written, with the dry-run impact of its flag changes. */
    public record Created(Versioned<ChangeRequest> request, Map<String, DryRunService.Impact> impact) {
    }

    private final FlagRepository repository;
    private final ChangeRequestStore store;
    private final ProjectGuard guard;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final DryRunService dryRun;
    /** Where a request's {@code applyAt} is made due for the scheduler; null: applied only by hand. */
    private final ReleaseStore releases;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ChangeRequestService(FlagRepository repository, ChangeRequestStore store, FlagConfigService configs,
                                SegmentService segments, DryRunService dryRun, ReleaseStore releases,
                                ObjectMapper mapper, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.guard = new ProjectGuard(repository);
        this.planner = new ChangePlanner(repository, configs, segments, mapper);
        this.applier = new ChangeApplier(repository, store, planner, mapper, clock);
        this.dryRun = dryRun;
        this.releases = releases;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Created create(Caller caller, String project, String env, JsonNode body) {
        requireStore();
        guard.environment(project, env, caller, Role.EDITOR);
        ChangeRequestBodies.Draft draft = ChangeRequestBodies.parse(body, clock.instant());
        List<ProposedChange> changes = planner.withBasedOn(project, env, draft.changes());
        List<ApplyIntent.PlannedWrite> writes = planner.plan(project, env, changes);
        Map<String, DryRunService.Impact> impact = impact(caller, project, env, writes, draft.contexts());
        ChangeRequest request = new ChangeRequest(newId(), draft.title(), draft.description(), caller.principal(),
                State.OPEN, changes, List.of(), draft.applyAt(), clock.instant().toString(), null, null);
        requireRoomToApply(request, writes);
        armTimedApply(project, env, request);
        Versioned<ChangeRequest> stored = store.putChangeRequest(project, env, request, 0,
                caller.changeMeta("create", null, clock.instant()));
        return new Created(stored, impact);
    }

    public List<Versioned<ChangeRequest>> list(Caller caller, String project, String env, String state,
                                               String author, String flag) {
        requireStore();
        guard.environment(project, env, caller, Role.VIEWER);
        State wanted = state == null ? null : parseState(state);
        return store.listChangeRequests(project, env).stream()
                .filter(r -> wanted == null || r.value().state() == wanted)
                .filter(r -> author == null || author.equals(r.value().author()))
                .filter(r -> flag == null || r.value().touchesFlag(flag))
                .toList();
    }

    public Versioned<ChangeRequest> get(Caller caller, String project, String env, String id) {
        requireStore();
        guard.environment(project, env, caller, Role.VIEWER);
        return applier.resumeIfAbandoned(project, env, existing(project, env, id));
    }

    /** Replaces title, description, changes and applyAt (author only, If-Match); voids every approval. */
    public Versioned<ChangeRequest> edit(Caller caller, String project, String env, String id, JsonNode body,
                                         WritePrecondition precondition) {
        requireStore();
        guard.environment(project, env, caller, Role.EDITOR);
        Versioned<ChangeRequest> current = existing(project, env, id);
        requireAuthor(caller, current.value(), "edit");
        requireOpenForChange(current.value(), "edited");
        long expected = precondition.expectedVersionOfExisting(current, "change request " + id);
        ChangeRequestBodies.Draft draft = ChangeRequestBodies.parse(body, clock.instant());
        List<ProposedChange> changes = planner.withBasedOn(project, env, draft.changes());
        List<ApplyIntent.PlannedWrite> writes = planner.plan(project, env, changes);
        ChangeRequest value = current.value();
        ChangeRequest edited = new ChangeRequest(id, draft.title(), draft.description(), value.author(), State.OPEN,
                changes, value.voidedReviews(), draft.applyAt(), value.createdAt(), null, null);
        requireRoomToApply(edited, writes);
        armTimedApply(project, env, edited);
        return store.putChangeRequest(project, env, edited, expected, caller.changeMeta("edit", null, clock.instant()));
    }

    public Versioned<ChangeRequest> review(Caller caller, String project, String env, String id, JsonNode body) {
        requireStore();
        Environment environment = guard.environment(project, env, caller, Role.VIEWER);
        Decision decision = decision(body);
        String comment = comment(body);
        ReviewSettings settings = environment.reviewSettings();
        for (int attempt = 1; ; attempt++) {
            Versioned<ChangeRequest> current = existing(project, env, id);
            ChangeRequest value = current.value();
            checkReviewer(caller, project, value, decision, settings);
            List<Review> reviews = new ArrayList<>(value.reviews());
            reviews.add(new Review(caller.principal(), decision, comment, clock.instant().toString(), false));
            ChangeRequest reviewed = value.with(value.state(), value.changes(), reviews, null, null);
            State next = decision == Decision.REJECT ? State.REJECTED
                    : reviewed.approvers().size() >= settings.requiredApprovals() ? State.APPROVED : State.OPEN;
            try {
                return store.putChangeRequest(project, env, reviewed.withState(next, null), current.version(),
                        caller.withComment(comment).changeMeta(decision.wireName(), null, clock.instant()));
            } catch (StoreException.VersionConflict race) {
                if (attempt >= ATTEMPTS) {
                    throw race;
                }
            }
        }
    }

    /** Applies an approved request: by an editor other than its author, or by the author if the environment allows. */
    public Versioned<ChangeRequest> apply(Caller caller, String project, String env, String id) {
        requireStore();
        Environment environment = guard.environment(project, env, caller, Role.EDITOR);
        ChangeRequest value = existing(project, env, id).value();
        if (caller.principal().equals(value.author()) && !environment.reviewSettings().authorMayApply()) {
            throw AdminException.forbidden("environment \"" + env + "\" does not let the author of a change request"
                    + " apply it (review.authorMayApply is false); another editor applies it");
        }
        if (value.state() == State.APPROVED && value.applyAt() != null
                && Instant.parse(value.applyAt()).isAfter(clock.instant())) {
            throw AdminException.conflict("change request " + id + " is scheduled for " + value.applyAt()
                    + "; it cannot be applied before then");
        }
        if (value.state() == State.APPROVED
                && value.approvers().size() < environment.reviewSettings().requiredApprovals()) {
            throw AdminException.conflict("change request " + id + " has " + value.approvers().size()
                    + " approval(s); environment \"" + env + "\" now requires "
                    + environment.reviewSettings().requiredApprovals());
        }
        Versioned<ChangeRequest> result = applier.apply(caller, project, env, id);
        if (result.value().state() == State.STALE) {
            throw new AdminException(AdminException.Kind.CONFLICT, "change request " + id + " is stale and nothing"
                    + " was applied: " + result.value().outcome() + "; rebase it (POST .../rebase) and have it"
                    + " approved again", List.of(), Map.of("state", State.STALE.wireName(),
                    "changeRequestVersion", result.version()));
        }
        return result;
    }

    /** Re-bases a stale request onto the current versions of its targets; voids its approvals. */
    public Versioned<ChangeRequest> rebase(Caller caller, String project, String env, String id) {
        requireStore();
        guard.environment(project, env, caller, Role.EDITOR);
        Versioned<ChangeRequest> current = existing(project, env, id);
        ChangeRequest value = current.value();
        if (value.state() != State.STALE) {
            throw AdminException.conflict("change request " + id + " is " + value.state().wireName()
                    + "; only a stale request is rebased");
        }
        List<ProposedChange> rebased = value.changes().stream()
                .map(c -> c.basedOn(planner.currentVersion(project, env, c))).toList();
        planner.plan(project, env, rebased);
        return store.putChangeRequest(project, env, value.with(State.OPEN, rebased, value.voidedReviews(), null,
                null), current.version(), caller.changeMeta("rebase", null, clock.instant()));
    }

    /** The author (or an admin) withdraws a request that is not closed. */
    public Versioned<ChangeRequest> withdraw(Caller caller, String project, String env, String id) {
        requireStore();
        guard.environment(project, env, caller, Role.EDITOR);
        Versioned<ChangeRequest> current = existing(project, env, id);
        if (!caller.principal().equals(current.value().author()) && !isAdmin(caller, project)) {
            throw AdminException.forbidden("only the author of change request " + id + " or an admin withdraws it");
        }
        requireOpenForChange(current.value(), "withdrawn");
        return store.putChangeRequest(project, env, current.value().withState(State.WITHDRAWN, null),
                current.version(), caller.changeMeta("withdraw", null, clock.instant()));
    }

    /** The review settings in force in the environment (what a representation shows next to the approvals). */
    public ReviewSettings settings(String project, String env) {
        return repository.getEnvironment(project, env).map(v -> v.value().reviewSettings())
                .orElse(ReviewSettings.DEFAULT);
    }

    /**
     * While it is applied, a request also holds its intent (every change's content before and after), and it
     * collects reviews before that: both must fit the store's item limit, so a request too big for them is refused
     * when it is written, not when it is applied.
     */
    private static void requireRoomToApply(ChangeRequest request, List<ApplyIntent.PlannedWrite> writes) {
        ChangeRequest applying = request.with(State.APPLYING, request.changes(), request.reviews(),
                new ApplyIntent("", "", writes), null);
        int bytes = StoreJson.write(applying).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ItemLimits.MAX_CONTENT_BYTES - ROOM_FOR_REVIEWS) {
            throw new AdminException(AdminException.Kind.PAYLOAD_TOO_LARGE, "this change request would take " + bytes
                    + " bytes while it is applied (its changes, with each target's content before and after), over "
                    + (ItemLimits.MAX_CONTENT_BYTES - ROOM_FOR_REVIEWS) + "; split it into smaller requests",
                    List.of(new dev.vexil.validate.Problem("changes", "too large to apply as one request")));
        }
    }

    /** Before the request is written: the scheduler applies it at its {@code applyAt} if it is approved by then. */
    private void armTimedApply(String project, String env, ChangeRequest request) {
        if (releases != null && request.applyAt() != null) {
            TimedApply.arm(releases, project, env, request.id(), Instant.parse(request.applyAt()));
        }
    }

    private void checkReviewer(Caller caller, String project, ChangeRequest request, Decision decision,
                               ReviewSettings settings) {
        if (request.state().closed() || request.state() == State.APPLYING || request.state() == State.STALE) {
            throw AdminException.conflict("change request " + request.id() + " is " + request.state().wireName()
                    + (request.state() == State.STALE ? "; rebase it before reviewing" : " and takes no reviews"));
        }
        if (caller.principal().equals(request.author())) {
            throw AdminException.forbidden("the author of change request " + request.id() + " cannot "
                    + decision.wireName() + " it" + (decision == Decision.REJECT ? "; withdraw it instead" : ""));
        }
        String role = roleOf(caller, project);
        if (!settings.approverRoles().contains(role)) {
            throw AdminException.forbidden("principal \"" + caller.principal() + "\" is " + role + "; reviewers here"
                    + " must be one of " + settings.approverRoles() + " (the environment's review.approverRoles)");
        }
        if (decision == Decision.APPROVE && request.approvers().contains(caller.principal())) {
            throw AdminException.conflict("principal \"" + caller.principal() + "\" has approved change request "
                    + request.id() + " already; each principal approves at most once");
        }
    }

    private String roleOf(Caller caller, String project) {
        if (caller.breakGlass()) {
            return Role.ADMIN.wireName();
        }
        Project value = repository.getProject(project).orElseThrow().value();
        return Role.of(value, caller.principal()).map(Role::wireName).orElse("none");
    }

    private boolean isAdmin(Caller caller, String project) {
        return Role.ADMIN.wireName().equals(roleOf(caller, project));
    }

    private static void requireAuthor(Caller caller, ChangeRequest request, String what) {
        if (!caller.principal().equals(request.author())) {
            throw AdminException.forbidden("only the author of change request " + request.id() + " (\""
                    + request.author() + "\") may " + what + " it");
        }
    }

    private static void requireOpenForChange(ChangeRequest request, String what) {
        if (request.state().closed() || request.state() == State.APPLYING) {
            throw AdminException.conflict("change request " + request.id() + " is " + request.state().wireName()
                    + " and cannot be " + what);
        }
    }

    private Versioned<ChangeRequest> existing(String project, String env, String id) {
        return store.getChangeRequest(project, env, id).orElseThrow(() -> AdminException.notFound(
                "change request \"" + id + "\" does not exist in environment \"" + env + "\""));
    }

    private Map<String, DryRunService.Impact> impact(Caller caller, String project, String env,
                                                     List<ApplyIntent.PlannedWrite> writes, JsonNode contexts) {
        ObjectNode proposed = mapper.createObjectNode();
        writes.stream().filter(ApplyIntent.PlannedWrite::flagChange).forEach(w -> proposed.set(w.flag(), w.after()));
        if (proposed.isEmpty()) {
            return Map.of();
        }
        if (contexts == null || contexts.isNull()) { // nothing to evaluate: each flag changes none of no contexts
            Map<String, DryRunService.Impact> none = new java.util.LinkedHashMap<>();
            proposed.properties().forEach(e -> none.put(e.getKey(), new DryRunService.Impact(0, 0, List.of())));
            return none;
        }
        ObjectNode body = mapper.createObjectNode();
        body.set("contexts", contexts);
        body.set("proposed", proposed);
        body.set("flags", mapper.valueToTree(proposed.properties().stream().map(Map.Entry::getKey).toList()));
        try {
            return dryRun.evaluate(caller, project, env, body).impact();
        } catch (AdminException invalid) {
            List<dev.vexil.validate.Problem> errors = invalid.errors().stream()
                    .filter(p -> p.path() != null && p.path().startsWith("contexts")).toList();
            if (errors.isEmpty()) {
                throw invalid;
            }
            throw new AdminException(invalid.kind(), invalid.getMessage(), errors, invalid.extensions());
        }
    }

    private static Decision decision(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw AdminException.invalid("", "expected a JSON object with decision (approve or reject) and comment");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!REVIEW_FIELDS.contains(name)) {
                throw AdminException.invalid(name, "unknown member; expected one of " + REVIEW_FIELDS);
            }
        });
        String decision = body.path("decision").asText("");
        return switch (decision) {
            case "approve" -> Decision.APPROVE;
            case "reject" -> Decision.REJECT;
            default -> throw AdminException.invalid("decision", "expected \"approve\" or \"reject\", got "
                    + body.get("decision"));
        };
    }

    private static String comment(JsonNode body) {
        JsonNode comment = body.get("comment");
        if (comment == null || comment.isNull()) {
            return null;
        }
        if (!comment.isTextual() || comment.textValue().length() > MAX_COMMENT) {
            throw AdminException.invalid("comment", "expected a string of at most " + MAX_COMMENT + " characters");
        }
        return comment.textValue().isBlank() ? null : comment.textValue().strip();
    }

    private static State parseState(String state) {
        for (State candidate : State.values()) {
            if (candidate.wireName().equals(state)) {
                return candidate;
            }
        }
        throw AdminException.invalid("state", "expected one of open, approved, applying, applied, rejected,"
                + " withdrawn, stale; got \"" + state + "\"");
    }

    /** Time-ordered, so that listing by id lists by creation: {@code cr-<epoch ms, base 36>-<random hex>}. */
    private String newId() {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String millis = Long.toString(clock.millis(), 36);
        return "cr-" + "0".repeat(Math.max(0, 9 - millis.length())) + millis + "-" + HexFormat.of().formatHex(random);
    }

    private void requireStore() {
        if (store == null) {
            throw new AdminException(AdminException.Kind.NOT_IMPLEMENTED, "change requests are not available in"
                    + " this deployment (no change-request store is wired)");
        }
    }

    /** For promotion: a request proposing one flag configuration, written by {@code caller}. */
    Created propose(Caller caller, String project, String env, String title, String flag, JsonNode configuration) {
        ObjectNode body = mapper.createObjectNode();
        body.put("title", title);
        ObjectNode change = body.putArray("changes").addObject();
        change.put("flag", flag);
        change.set("configuration", configuration);
        return create(caller, project, env, body);
    }

}
