package dev.vexil.core.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.admin.limits.Quotas;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.FlagConfigService;
import dev.vexil.core.admin.service.QuotaGuard;
import dev.vexil.core.admin.service.SegmentService;
import dev.vexil.core.release.DueWork;
import dev.vexil.core.release.ReleasePrincipals;
import dev.vexil.core.release.store.ReleaseKey;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.ReviewSettings;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The timed apply of a change request's {@code applyAt} (docs/change-requests.md, "Timed apply"): a release item
 * of kind {@value #KIND}, due at {@code applyAt}, run by the release scheduler. At its time an approved request is
 * applied by {@link ReleasePrincipals#SCHEDULER} through the {@link ChangeApplier} (so whole or not at all, stale
 * if a target moved); a request that is not approved then is left for an explicit apply. Exactly once: the
 * scheduler's claim keeps a second scheduler out, and the request's own states (approved → applying → applied)
 * make a run after a crash finish the apply instead of repeating it.
 */
public final class TimedApply implements DueWork {
    public static final String KIND = "change-request";
    /** A change request belongs to an environment, not to one flag: its item names no flag. */
    static final String NO_FLAG = "*";
    private static final int ATTEMPTS = 3;

    private final FlagRepository repository;
    private final ChangeRequestStore requests;
    private final ChangeApplier applier;
    private final Clock clock;

    TimedApply(FlagRepository repository, ChangeRequestStore requests, ChangeApplier applier, Clock clock) {
        this.repository = repository;
        this.requests = requests;
        this.applier = applier;
        this.clock = clock;
    }

    /**
     * The timed apply over {@code repository}'s change requests, for the scheduler; none when the repository keeps
     * no change requests. Segments it creates are counted against the default quotas.
     */
    public static Optional<DueWork> over(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        if (!(repository instanceof ChangeRequestStore requests)) {
            return Optional.empty();
        }
        ChangePlanner planner = new ChangePlanner(repository, new FlagConfigService(repository, mapper, clock),
                new SegmentService(repository, mapper, clock, new QuotaGuard(repository, Quotas.DEFAULTS)), mapper);
        return Optional.of(new TimedApply(repository, requests,
                new ChangeApplier(repository, requests, planner, mapper, clock), clock));
    }

    static ReleaseKey key(String project, String env, String id) {
        return new ReleaseKey(project, env, NO_FLAG, KIND, id);
    }

    /**
     * Makes the request's item due at {@code at} (creates it, or moves it). Called before the request is written
     * with its {@code applyAt}: if that write then fails, the item falls due, finds no such time on the request
     * and ends; the other order could lose the item.
     */
    static void arm(ReleaseStore releases, String project, String env, String id, Instant at) {
        ReleaseKey key = key(project, env, id);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("changeRequest", id).put("applyAt", at.toString());
        for (int attempt = 1; ; attempt++) {
            Optional<ReleaseRecord> existing = releases.get(key);
            try {
                if (existing.isEmpty()) {
                    releases.create(ReleaseRecord.create(key, at, body));
                } else {
                    releases.replace(existing.get().next(at, body), existing.get().revision());
                }
                return;
            } catch (StoreException.AlreadyExists | StoreException.VersionConflict race) {
                if (attempt >= ATTEMPTS) {
                    throw race;
                }
            }
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ReleaseRecord run(ReleaseRecord claimed) {
        ReleaseKey key = claimed.key();
        Optional<Versioned<ChangeRequest>> found = requests.getChangeRequest(key.project(), key.environment(),
                key.id());
        if (found.isEmpty() || found.get().value().applyAt() == null) {
            return claimed.next(null, claimed.body()); // never written, or its time was removed by an edit
        }
        ChangeRequest request = found.get().value();
        Instant at = Instant.parse(request.applyAt());
        if (at.isAfter(clock.instant())) {
            return claimed.next(at, claimed.body()); // an edit moved it later (or failed after moving this item)
        }
        switch (request.state()) {
            case APPROVED -> {
                if (!approvalsStillSuffice(key, request)) {
                    return claimed.next(null, claimed.body());
                }
                applier.apply(Caller.of(ReleasePrincipals.SCHEDULER), key.project(), key.environment(), key.id());
            }
            case APPLYING -> applier.apply(Caller.of(ReleasePrincipals.SCHEDULER), key.project(), key.environment(),
                    key.id()); // finishes an apply interrupted by a crash
            default -> JsonLog.info("change request " + key.id() + " is " + request.state().wireName() + " at its"
                    + " applyAt " + request.applyAt() + "; not applied by the scheduler");
        }
        return claimed.next(null, claimed.body());
    }

    /** As for an explicit apply: the environment may have raised its required approvals since. */
    private boolean approvalsStillSuffice(ReleaseKey key, ChangeRequest request) {
        int required = repository.getEnvironment(key.project(), key.environment())
                .map(e -> e.value().reviewSettings()).orElse(ReviewSettings.DEFAULT).requiredApprovals();
        if (request.approvers().size() < required) {
            JsonLog.info("change request " + key.id() + " has " + request.approvers().size() + " approval(s), "
                    + required + " are required now; not applied by the scheduler");
            return false;
        }
        return true;
    }
}
