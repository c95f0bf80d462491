package dev.vexil.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.JsonDiff;
import dev.vexil.core.review.ApplyIntent.PlannedWrite;
import dev.vexil.core.review.ChangeRequest.State;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.Segment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies an approved request whole or not at all, without transactions (docs/change-requests.md, "Applying"):
 * <ol>
 *   <li>take the environment's apply lease, so applies in one environment never interleave;</li>
 *   <li>check every change's {@code basedOn} against its target; any mismatch → the request is {@code stale} and
 *       nothing is written;</li>
 *   <li>record the intent (every write, with the content before and after) on the request: state
 *       {@code applying};</li>
 *   <li>write each change conditionally on the version it was based on; each history entry names the request and
 *       its approvers;</li>
 *   <li>if a write still fails (a kill slipped in between), write the already-applied changes back (conditionally,
 *       audited as {@code compensate}) and mark the request {@code stale};</li>
 *   <li>mark it {@code applied}.</li>
 * </ol>
 * If the applier dies in between, the request stays {@code applying} with its intent; the next apply or read of it
 * (once the lease has run out) finishes the writes that are still based on their version (roll forward: every
 * change was validated and checked), or compensates as in 5.
 */
public final class ChangeApplier {
    /** How long an apply may hold the lease; a crashed applier blocks its environment at most this long. */
    static final Duration LEASE = Duration.ofSeconds(60);

    private final FlagRepository repository;
    private final ChangeRequestStore store;
    private final ChangePlanner planner;
    private final ObjectMapper mapper;
    private final Clock clock;

    ChangeApplier(FlagRepository repository, ChangeRequestStore store, ChangePlanner planner, ObjectMapper mapper,
                  Clock clock) {
        this.repository = repository;
        this.store = store;
        this.planner = planner;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Applies an approved request (or finishes an interrupted apply); returns it {@code applied} or {@code stale}. */
    Versioned<ChangeRequest> apply(Caller caller, String project, String env, String id) {
        return underLease(project, env, id, request -> {
            if (request.value().state() == State.APPLYING) {
                return finish(project, env, request, Caller.of(request.value().intent().applier()));
            }
            if (request.value().state() != State.APPROVED) {
                throw AdminException.conflict("change request " + id + " is " + request.value().state().wireName()
                        + "; only an approved request can be applied");
            }
            ChangeRequest value = request.value();
            List<String> stale = planner.staleTargets(project, env, value.changes());
            if (!stale.isEmpty()) {
                return markStale(project, env, request, caller, "changed since the request was based on them: "
                        + String.join("; ", stale));
            }
            List<PlannedWrite> writes;
            try {
                writes = planner.plan(project, env, value.changes());
            } catch (AdminException invalid) {
                return markStale(project, env, request, caller, "no longer valid in the environment: "
                        + invalid.getMessage());
            }
            ApplyIntent intent = new ApplyIntent(caller.principal(), clock.instant().toString(), writes);
            Versioned<ChangeRequest> applying = store.putChangeRequest(project, env,
                    value.with(State.APPLYING, value.changes(), value.reviews(), intent, null), request.version(),
                    caller.changeMeta("apply", null, clock.instant()));
            return finish(project, env, applying, caller);
        });
    }

    /** A read of a request left {@code applying} by a crashed applier finishes it, if the lease has run out. */
    Versioned<ChangeRequest> resumeIfAbandoned(String project, String env, Versioned<ChangeRequest> request) {
        if (request.value().state() != State.APPLYING) {
            return request;
        }
        try {
            return underLease(project, env, request.value().id(),
                    current -> current.value().state() == State.APPLYING
                            ? finish(project, env, current, Caller.of(current.value().intent().applier())) : current);
        } catch (AdminException busy) {
            return request; // someone is applying right now: show the request as it is
        }
    }

    private Versioned<ChangeRequest> underLease(String project, String env, String id,
                                                java.util.function.Function<Versioned<ChangeRequest>,
                                                        Versioned<ChangeRequest>> work) {
        String holder = id + "/" + UUID.randomUUID();
        Instant now = clock.instant();
        if (!store.acquireApplyLease(project, env, holder, now, now.plus(LEASE))) {
            throw AdminException.conflict("another change request is being applied in environment \"" + env
                    + "\"; retry in a moment");
        }
        try {
            Versioned<ChangeRequest> request = store.getChangeRequest(project, env, id)
                    .orElseThrow(() -> AdminException.notFound("change request " + id + " does not exist"));
            return work.apply(request);
        } finally {
            store.releaseApplyLease(project, env, holder);
        }
    }

    /** Writes what the intent says is not written yet; on a conflict, undoes what was written and marks it stale. */
    /** {@code by}: the applier (after a crash, as the intent names them; their session is not kept). */
    private Versioned<ChangeRequest> finish(String project, String env, Versioned<ChangeRequest> request, Caller by) {
        ChangeRequest value = request.value();
        ApplyIntent intent = value.intent();
        Caller applier = by.asSystem(historyComment(value));
        List<PlannedWrite> done = new ArrayList<>();
        for (PlannedWrite write : intent.writes()) {
            if (planner.holds(project, env, write, write.after())
                    && versionOf(project, env, write) != write.basedOn()) {
                done.add(write); // written before an interruption
                continue;
            }
            try {
                if (versionOf(project, env, write) != write.basedOn()) {
                    throw new StoreException.VersionConflict(label(write) + " changed during the apply",
                            versionOf(project, env, write));
                }
                write(project, env, write, applier);
                done.add(write);
            } catch (StoreException.VersionConflict | StoreException.AlreadyExists | StoreException.NotFound lost) {
                List<String> kept = compensate(project, env, done, applier);
                String outcome = label(write) + " changed while the request was being applied; nothing was applied"
                        + (kept.isEmpty() ? "" : " (not undone, changed again since: " + String.join(", ", kept)
                        + ")");
                return store.putChangeRequest(project, env, value.with(State.STALE, value.changes(),
                        value.reviews(), null, outcome), request.version(),
                        applier.changeMeta("stale", null, clock.instant()));
            }
        }
        return store.putChangeRequest(project, env, value.with(State.APPLIED, value.changes(), value.reviews(),
                null, "applied " + done.size() + " change(s)"), request.version(),
                applier.changeMeta("applied", null, clock.instant()));
    }

    private void write(String project, String env, PlannedWrite write, Caller applier) {
        ChangeMeta meta = applier.changeMeta("apply", JsonDiff.between(write.before(), write.after()),
                clock.instant());
        if (write.flagChange()) {
            repository.putFlagConfig(project, env, write.flag(), model(write.after(), FlagConfig.class),
                    write.basedOn(), meta);
        } else if (write.after() == null) {
            repository.deleteSegment(project, env, write.segment(), write.basedOn(), meta);
        } else {
            repository.putSegment(project, env, model(write.after(), Segment.class), write.basedOn(), meta);
        }
    }

    /**
     * Writes the content before each applied change back, newest first, conditionally on the version the apply
     * wrote. A target changed again since (a kill) keeps that change: returns their labels.
     */
    private List<String> compensate(String project, String env, List<PlannedWrite> done, Caller applier) {
        List<String> kept = new ArrayList<>();
        for (PlannedWrite write : done.reversed()) {
            try {
                if (!planner.holds(project, env, write, write.after())) {
                    kept.add(label(write));
                    continue;
                }
                long written = versionOf(project, env, write);
                ChangeMeta meta = applier.changeMeta("compensate", JsonDiff.between(write.after(), write.before()),
                        clock.instant());
                if (write.flagChange()) {
                    FlagConfig before = write.before() == null ? FlagConfig.notConfigured()
                            : model(write.before(), FlagConfig.class);
                    repository.putFlagConfig(project, env, write.flag(), before, written, meta);
                } else if (write.before() == null) {
                    repository.deleteSegment(project, env, write.segment(), written, meta);
                } else {
                    repository.putSegment(project, env, model(write.before(), Segment.class),
                            write.after() == null ? 0 : written, meta);
                }
            } catch (StoreException conflict) {
                JsonLog.warn("could not undo " + label(write) + " of a failed apply: " + conflict.getMessage(), null);
                kept.add(label(write));
            }
        }
        return kept;
    }

    private long versionOf(String project, String env, PlannedWrite write) {
        return write.flagChange()
                ? repository.getFlagConfig(project, env, write.flag()).map(Versioned::version).orElse(0L)
                : repository.getSegment(project, env, write.segment()).map(Versioned::version).orElse(0L);
    }

    private Versioned<ChangeRequest> markStale(String project, String env, Versioned<ChangeRequest> request,
                                               Caller caller, String outcome) {
        ChangeRequest value = request.value();
        return store.putChangeRequest(project, env, value.withState(State.STALE, outcome), request.version(),
                caller.changeMeta("stale", null, clock.instant()));
    }

    /** What each applied change's history entry says: the request, its author and its approvers. */
    static String historyComment(ChangeRequest request) {
        return "change request " + request.id() + " \"" + request.title() + "\" by " + request.author()
                + ", approved by " + String.join(", ", request.approvers());
    }

    private <T> T model(JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a planned " + type.getSimpleName() + " no longer reads back", e);
        }
    }

    private static String label(PlannedWrite write) {
        return (write.flagChange() ? "flag \"" : "segment \"") + write.target() + "\"";
    }
}
