package dev.vexil.functions.admin.routes;

import dev.vexil.functions.admin.http.ApiResponse;
import dev.vexil.functions.admin.http.Router;
import dev.vexil.functions.admin.service.DryRunService;

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
