package dev.vexil.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.JsonBodies;
import dev.vexil.core.admin.http.Problems;
import dev.vexil.core.admin.http.Representations;
import dev.vexil.core.admin.http.RouteMatch;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.routes.AuditRoutes;
import dev.vexil.core.admin.routes.ChangeRequestRoutes;
import dev.vexil.core.admin.routes.DryRunRoutes;
import dev.vexil.core.admin.routes.Endpoints;
import dev.vexil.core.admin.routes.FlagRoutes;
import dev.vexil.core.admin.routes.InsightsRoutes;
import dev.vexil.core.admin.routes.ProjectRoutes;
import dev.vexil.core.admin.routes.ReleaseRoutes;
import dev.vexil.core.admin.routes.SdkKeyRoutes;
import dev.vexil.core.admin.routes.SegmentRoutes;
import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.QuotaGuard;
import dev.vexil.core.admin.service.AuditService;
import dev.vexil.core.admin.service.DryRunService;
import dev.vexil.core.admin.service.EnvironmentService;
import dev.vexil.core.admin.service.FlagConfigService;
import dev.vexil.core.admin.service.FlagDefinitionService;
import dev.vexil.core.admin.service.InsightsService;
import dev.vexil.core.admin.service.StaleFlagService;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.admin.service.ProjectService;
import dev.vexil.core.admin.service.SdkKeyService;
import dev.vexil.core.admin.service.SegmentService;
import dev.vexil.core.keys.SdkKeyEdgeSync;
import dev.vexil.core.review.ChangeRequestService;
import dev.vexil.core.review.ChangeRequestStore;
import dev.vexil.core.review.PromoteService;
import dev.vexil.core.release.ReleaseAutomation;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The admin API without Lambda types: routes a request, checks that a principal is present, calls the route
 * and maps every failure to a problem. Expected failures (ours, the repository's) get their status; anything
 * else is a 500, logged as one JSON line, and never shows internals to the client.
 */
public final class AdminApi {
    private final Router router = new Router();
    private final Problems problems;
    private final WriteRateLimiter writes;

    /**
     * With {@link AccessPolicy#OPEN} (anyone may create projects, nobody has break-glass rights), an edge that
     * reads SDK keys from {@code repository} (local mode: resync has nothing to repair), the default quotas, no
     * write rate limit and no insights store. {@link #builder} sets the rest.
     */
    public AdminApi(FlagRepository repository, Clock clock, ObjectMapper mapper) {
        this(builder(repository, clock, mapper));
    }

    private AdminApi(Builder wiring) {
        FlagRepository repository = wiring.repository;
        Clock clock = wiring.clock;
        ObjectMapper mapper = wiring.mapper;
        this.problems = new Problems(mapper);
        this.writes = wiring.limits.writes();
        QuotaGuard quotas = new QuotaGuard(repository, wiring.limits.quotas());
        Endpoints endpoints = new Endpoints(new JsonBodies(mapper), new Representations(mapper), wiring.policy);
        InsightsService insightsService = new InsightsService(repository, wiring.insights);
        InsightsRoutes.register(router, endpoints, mapper, clock, insightsService,
                new StaleFlagService(repository, insightsService, clock));
        ProjectRoutes.register(router, endpoints, new ProjectService(repository, mapper, clock, wiring.policy),
                new EnvironmentService(repository, clock, quotas));
        FlagConfigService configs = new FlagConfigService(repository, mapper, clock);
        SegmentService segments = new SegmentService(repository, mapper, clock, quotas);
        DryRunService dryRun = new DryRunService(repository, mapper, clock);
        FlagRoutes.register(router, endpoints, new FlagDefinitionService(repository, mapper, clock, quotas), configs);
        SegmentRoutes.register(router, endpoints, segments);
        SdkKeyRoutes.register(router, endpoints, new SdkKeyService(repository, clock, wiring.edgeKeys, quotas));
        DryRunRoutes.register(router, endpoints, dryRun);
        ReleaseAutomation release = wiring.release;
        ChangeRequestService changeRequests = new ChangeRequestService(repository, wiring.changeRequests, configs,
                segments, dryRun, release == null ? null : release.store(), mapper, clock);
        ChangeRequestRoutes.register(router, endpoints, changeRequests,
                new PromoteService(repository, configs, changeRequests, mapper));
        AuditRoutes.register(router, endpoints, new AuditService(repository));
        ReleaseRoutes.register(router, endpoints, mapper,
                release == null ? null : release.schedules(repository, mapper, clock),
                release == null ? null : release.rollouts(repository, mapper, clock));
    }

    /** The admin API over {@code repository}; every other collaborator has the default named on its setter. */
    public static Builder builder(FlagRepository repository, Clock clock, ObjectMapper mapper) {
        return new Builder(repository, clock, mapper);
    }

    /**
     * What an admin API is wired to. One setter per collaborator, so each wiring (Lambda, local, tests) names only
     * what it changes.
     */
    public static final class Builder {
        private final FlagRepository repository;
        private final Clock clock;
        private final ObjectMapper mapper;
        private AccessPolicy policy = AccessPolicy.OPEN;
        private SdkKeyEdgeSync edgeKeys = SdkKeyEdgeSync.READS_REPOSITORY;
        private AdminLimits limits = AdminLimits.QUOTAS_ONLY;
        private InsightsStore insights;
        private ChangeRequestStore changeRequests;
        private ReleaseAutomation release;

        private Builder(FlagRepository repository, Clock clock, ObjectMapper mapper) {
            this.repository = repository;
            this.clock = clock;
            this.mapper = mapper;
            // Both adapters keep change requests in the repository's own table or file.
            this.changeRequests = repository instanceof ChangeRequestStore store ? store : null;
        }

        /** Who may create projects and who has break-glass rights (default {@link AccessPolicy#OPEN}). */
        public Builder policy(AccessPolicy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * How {@code POST .../sdk-keys/{id}/resync} repairs the edge's copy of a key (default: the edge reads the
         * repository, so there is nothing to repair).
         */
        public Builder edgeKeys(SdkKeyEdgeSync edgeKeys) {
            this.edgeKeys = edgeKeys;
            return this;
        }

        /**
         * The per-project quotas and the per-principal write rate limiter, which counts every request other than GET
         * (default {@link AdminLimits#QUOTAS_ONLY}).
         */
        public Builder limits(AdminLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * The evaluation counts the insights and stale-flag routes read (default none: those routes answer 501,
         * docs/insights.md).
         */
        public Builder insights(InsightsStore insights) {
            this.insights = insights;
            return this;
        }

        /**
         * Where change requests are kept (default: the repository itself, when it implements the port, as both
         * adapters do; with none, the change-request routes answer 501, docs/change-requests.md).
         */
        public Builder changeRequests(ChangeRequestStore changeRequests) {
            this.changeRequests = changeRequests;
            return this;
        }

        /**
         * Where schedules and rollout plans are stored and which alarms may guard them (default none: the schedule
         * and rollout routes answer 501, docs/release-automation.md).
         */
        public Builder release(ReleaseAutomation release) {
            this.release = release;
            return this;
        }

        public AdminApi build() {
            return new AdminApi(this);
        }
    }

    public Router router() {
        return router;
    }

    /** A problem response outside routing, e.g. for an event that cannot be read at all. */
    public ApiResponse problem(AdminException failure, String instance) {
        return problems.render(failure, instance);
    }

    public ApiResponse handle(ApiRequest request) {
        String instance = request.path();
        try {
            RouteMatch match = router.match(request.method(), request.path());
            if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
                String allow = String.join(", ", notAllowed.allowed());
                return problems.render(new AdminException(AdminException.Kind.METHOD_NOT_ALLOWED, request.method()
                        + " is not allowed on " + request.path() + "; allowed: " + allow, List.of(),
                        Map.of("allow", notAllowed.allowed())), instance).withHeader("Allow", allow);
            }
            if (!(match instanceof RouteMatch.Found found)) {
                throw AdminException.notFound("no route for " + request.method() + " " + request.path());
            }
            if (request.principal() == null || request.principal().isBlank()) {
                throw new AdminException(AdminException.Kind.UNAUTHENTICATED, "the request context names no"
                        + " principal (authorizer.iam.userArn, or authorizer.jwt.claims iss and sub)");
            }
            if (!"GET".equals(request.method())) {
                WriteRateLimiter.Decision decision = writes.tryAcquire(request.principal());
                if (!decision.allowed()) {
                    throw AdminException.rateLimited(request.principal(), decision.retryAfterSeconds());
                }
            }
            return found.route().handler().handle(request.withPathParameters(found.pathParameters()));
        } catch (AdminException failure) {
            return problems.render(failure, instance);
        } catch (StoreException.VersionConflict conflict) {
            return problems.render(AdminException.stale(conflict.getMessage(), conflict.currentVersion()), instance);
        } catch (StoreException.AlreadyExists exists) {
            return problems.render(AdminException.conflict(exists.getMessage()), instance);
        } catch (StoreException.NotFound missing) {
            return problems.render(AdminException.notFound(missing.getMessage()), instance);
        } catch (RuntimeException unexpected) {
            JsonLog.error("unexpected failure serving " + request.method() + " " + request.path(), instance,
                    unexpected);
            return problems.render(new AdminException(AdminException.Kind.INTERNAL,
                    "the request could not be completed; the error has been logged"), instance);
        }
    }
}
