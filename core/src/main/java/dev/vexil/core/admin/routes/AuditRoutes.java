package dev.vexil.core.admin.routes;

import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.AuditService;

/** The project's and each environment's audit log. */
public final class AuditRoutes {
    private AuditRoutes() {
    }

    public static void register(Router router, Endpoints api, AuditService audit) {
        router.add("GET", "/v1/projects/{project}/audit", request -> log(api, audit, request, null));
        router.add("GET", "/v1/projects/{project}/environments/{env}/audit",
                request -> log(api, audit, request, request.pathParameter("env")));
    }

    private static ApiResponse log(Endpoints api, AuditService audit, ApiRequest request, String environment) {
        int limit = Endpoints.historyLimit(request);
        var query = AuditParameters.query(request, request.pathParameter("project"), environment);
        return ApiResponse.json(200, api.json().page(Endpoints.withCursor(() -> audit.log(api.caller(request), query,
                request.queryParameter("cursor"), limit)), api.json()::auditEntry));
    }
}
