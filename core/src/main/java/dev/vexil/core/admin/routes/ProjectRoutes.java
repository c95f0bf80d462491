package dev.vexil.core.admin.routes;

import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Preconditions;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.EnvironmentService;
import dev.vexil.core.admin.service.ProjectService;

/** Projects and environments. */
public final class ProjectRoutes {
    private ProjectRoutes() {
    }

    public static void register(Router router, Endpoints api, ProjectService projects, EnvironmentService environments) {
        router.add("POST", "/v1/projects", request ->
                api.json().resource(201, projects.create(api.caller(request), api.body(request))));
        router.add("GET", "/v1/projects", request -> ApiResponse.json(200, api.json().page(
                Endpoints.withCursor(() -> projects.list(api.caller(request), request.queryParameter("cursor"),
                        Endpoints.limit(request))),
                api.json()::versioned)));
        router.add("GET", "/v1/projects/{project}", request ->
                api.json().resource(200, projects.get(api.caller(request), request.pathParameter("project"))));
        router.add("PUT", "/v1/projects/{project}", request ->
                api.json().resource(200, projects.update(api.caller(request), request.pathParameter("project"),
                        api.body(request), Preconditions.of(request))));

        router.add("POST", "/v1/projects/{project}/environments", request ->
                api.json().resource(201, environments.create(api.caller(request), request.pathParameter("project"),
                        api.body(request))));
        router.add("GET", "/v1/projects/{project}/environments", request -> ApiResponse.json(200, api.json().list(
                environments.list(api.caller(request), request.pathParameter("project")), api.json()::versioned)));
        router.add("GET", "/v1/projects/{project}/environments/{env}", request ->
                api.json().resource(200, environments.get(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"))));
        router.add("PUT", "/v1/projects/{project}/environments/{env}", request ->
                api.json().resource(200, environments.update(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"), api.body(request), Preconditions.of(request))));
    }
}
