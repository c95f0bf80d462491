package dev.vexil.core.admin.routes;

import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.SdkKeyService;

/**
 * SDK keys of an environment: the secret appears in the creation response only; {@code resync} repairs the edge's
 * copy of one key.
 */
public final class SdkKeyRoutes {
    private static final String KEYS = "/v1/projects/{project}/environments/{env}/sdk-keys";

    private SdkKeyRoutes() {
    }

    public static void register(Router router, Endpoints api, SdkKeyService keys) {
        router.add("POST", KEYS, request -> {
            SdkKeyService.CreatedKey created = keys.create(api.caller(request), request.pathParameter("project"),
                    request.pathParameter("env"), api.optionalBody(request));
            return ApiResponse.json(201, api.json().sdkKey(created.record(), created.secret()))
                    .withHeader("Cache-Control", "no-store");
        });
        router.add("GET", KEYS, request -> ApiResponse.json(200, api.json().list(
                keys.list(api.caller(request), request.pathParameter("project"), request.pathParameter("env")),
                key -> api.json().sdkKey(key, null))));
        router.add("DELETE", KEYS + "/{id}", request -> ApiResponse.json(200, api.json().sdkKey(
                keys.revoke(api.caller(request), request.pathParameter("project"), request.pathParameter("env"),
                        request.pathParameter("id")), null)));
        router.add("POST", KEYS + "/{id}/resync", request -> {
            SdkKeyService.Resynced resynced = keys.resync(api.caller(request), request.pathParameter("project"),
                    request.pathParameter("env"), request.pathParameter("id"));
            return ApiResponse.json(200, api.json().sdkKeyResync(resynced.record(), resynced.outcome()));
        });
    }
}
