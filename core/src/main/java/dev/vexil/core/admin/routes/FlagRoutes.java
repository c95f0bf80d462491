package dev.vexil.core.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Preconditions;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.FlagConfigService;
import dev.vexil.core.admin.service.FlagDefinitionService;
import dev.vexil.core.store.Versioned;
import java.util.Set;

/** Flag definitions (project level) and their configuration per environment, with kill, history and rollback. */
public final class FlagRoutes {
    private static final String FLAG = "/v1/projects/{project}/flags/{flag}";
    private static final String CONFIG = "/v1/projects/{project}/environments/{env}/flags/{flag}";
    /** A body that may only carry a comment (kill, rollout controls). */
    static final Set<String> COMMENT_ONLY = Set.of("comment");
    static final Set<String> ROLLBACK_FIELDS = Set.of("version", "comment");

    private FlagRoutes() {
    }

    public static void register(Router router, Endpoints api, FlagDefinitionService definitions,
                                FlagConfigService configs) {
        router.add("GET", "/v1/projects/{project}/flags", request -> ApiResponse.json(200, api.json().page(
                Endpoints.withCursor(() -> definitions.list(api.caller(request), request.pathParameter("project"),
                        blankToNull(request.queryParameter("tag")), request.queryParameter("cursor"),
                        Endpoints.limit(request))),
                api.json()::versioned)));
        router.add("GET", FLAG, request -> api.json().resource(200, definitions.get(api.caller(request),
                request.pathParameter("project"), request.pathParameter("flag"))));
        router.add("PUT", FLAG, request -> created(api, definitions.put(api.caller(request),
                request.pathParameter("project"), request.pathParameter("flag"), api.body(request),
                Preconditions.of(request))));

        router.add("GET", CONFIG, request -> api.json().resource(200, configs.get(api.caller(request),
                request.pathParameter("project"), request.pathParameter("env"), request.pathParameter("flag"))));
        router.add("PUT", CONFIG, request -> created(api, configs.put(api.caller(request),
                request.pathParameter("project"), request.pathParameter("env"), request.pathParameter("flag"),
                api.body(request), Preconditions.of(request))));
        router.add("POST", CONFIG + "/kill", request -> {
            JsonNode body = api.actionBody(request, COMMENT_ONLY);
            Caller caller = Endpoints.withBodyComment(api.caller(request), body);
            return api.json().resource(200, configs.kill(caller, request.pathParameter("project"),
                    request.pathParameter("env"), request.pathParameter("flag"), Preconditions.of(request)));
        });
        router.add("GET", CONFIG + "/history", request -> {
            int limit = Endpoints.historyLimit(request);
            return ApiResponse.json(200, api.json().page(Endpoints.withCursor(() -> configs.history(
                    api.caller(request), request.pathParameter("project"), request.pathParameter("env"),
                    request.pathParameter("flag"), request.queryParameter("cursor"), limit)),
                    api.json()::historyEntry));
        });
        router.add("POST", CONFIG + "/rollback", request -> {
            JsonNode body = api.actionBody(request, ROLLBACK_FIELDS);
            long version = Endpoints.rollbackVersion(body);
            Caller caller = Endpoints.withBodyComment(api.caller(request), body);
            return api.json().resource(200, configs.rollback(caller, request.pathParameter("project"),
                    request.pathParameter("env"), request.pathParameter("flag"), version, Preconditions.of(request)));
        });
    }

    /** 201 when the PUT created the resource (version 1), else 200. */
    private static ApiResponse created(Endpoints api, Versioned<?> resource) {
        return api.json().resource(resource.version() == 1 ? 201 : 200, resource);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
