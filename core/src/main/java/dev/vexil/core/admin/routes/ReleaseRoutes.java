package dev.vexil.core.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Preconditions;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.release.FlagRef;
import dev.vexil.core.release.RolloutPlan;
import dev.vexil.core.release.RolloutService;
import dev.vexil.core.release.ScheduleService;

/**
 * Release automation (docs/release-automation.md): scheduled changes and progressive rollouts of one flag's
 * configuration. Where no release store is deployed ({@code schedules} and {@code rollouts} null) every route
 * answers 501.
 */
public final class ReleaseRoutes {
    private static final String CONFIG = "/v1/projects/{project}/environments/{env}/flags/{flag}";
    private static final String CURRENT = CONFIG + "/rollouts/current";

    private ReleaseRoutes() {
    }

    public static void register(Router router, Endpoints api, ObjectMapper mapper, ScheduleService schedules,
                                RolloutService rollouts) {
        router.add("POST", CONFIG + "/schedules", request -> ApiResponse.json(201, mapper.valueToTree(
                available(schedules).create(api.caller(request), flag(request), api.body(request),
                        Preconditions.of(request)))));
        router.add("GET", CONFIG + "/schedules", request -> {
            var items = available(schedules).list(api.caller(request), flag(request));
            return ApiResponse.json(200, mapper.createObjectNode().set("items", mapper.valueToTree(items)));
        });
        router.add("DELETE", CONFIG + "/schedules/{id}", request -> ApiResponse.json(200, mapper.valueToTree(
                available(schedules).cancel(api.caller(request), flag(request), request.pathParameter("id")))));

        router.add("POST", CONFIG + "/rollouts", request -> ApiResponse.json(201, mapper.valueToTree(
                available(rollouts).start(api.caller(request), flag(request), api.body(request)))));
        router.add("GET", CURRENT, request -> plan(mapper, available(rollouts).current(api.caller(request),
                flag(request))));
        control(router, api, mapper, rollouts, "pause", RolloutService::pause);
        control(router, api, mapper, rollouts, "resume", RolloutService::resume);
        control(router, api, mapper, rollouts, "advance", RolloutService::advance);
        control(router, api, mapper, rollouts, "abort", RolloutService::abort);
    }

    private interface Control {
        RolloutPlan apply(RolloutService service, Caller caller, FlagRef flag);
    }

    private static void control(Router router, Endpoints api, ObjectMapper mapper, RolloutService rollouts,
                                String action, Control control) {
        router.add("POST", CURRENT + "/" + action, request -> {
            JsonNode body = api.actionBody(request, FlagRoutes.COMMENT_ONLY);
            return plan(mapper, control.apply(available(rollouts), Endpoints.withBodyComment(api.caller(request),
                    body), flag(request)));
        });
    }

    private static ApiResponse plan(ObjectMapper mapper, RolloutPlan plan) {
        return ApiResponse.json(200, mapper.valueToTree(plan));
    }

    private static FlagRef flag(ApiRequest request) {
        return new FlagRef(request.pathParameter("project"), request.pathParameter("env"),
                request.pathParameter("flag"));
    }

    private static <T> T available(T service) {
        if (service == null) {
            throw new AdminException(AdminException.Kind.NOT_IMPLEMENTED, "release automation (schedules and"
                    + " rollouts) is not deployed here");
        }
        return service;
    }
}
