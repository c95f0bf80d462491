package dev.vexil.core.admin.routes;

import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.DryRunService;

/** Dry-run evaluation of the current or a proposed configuration. */
public final class DryRunRoutes {
    private DryRunRoutes() {
    }

    public static void register(Router router, Endpoints api, DryRunService dryRun) {
        router.add("POST", "/v1/projects/{project}/environments/{env}/evaluate", request ->
                ApiResponse.json(200, api.json().dryRun(dryRun.evaluate(api.caller(request),
                        request.pathParameter("project"), request.pathParameter("env"), api.body(request)))));
    }
}
