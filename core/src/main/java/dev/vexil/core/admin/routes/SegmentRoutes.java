package dev.vexil.core.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Preconditions;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.Caller;
import dev.vexil.core.admin.service.SegmentService;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.Segment;

/** Segments of an environment, with history and rollback. */
public final class SegmentRoutes {
    private static final String SEGMENTS = "/v1/projects/{project}/environments/{env}/segments";
    private static final String SEGMENT = SEGMENTS + "/{segment}";

    private SegmentRoutes() {
    }

    public static void register(Router router, Endpoints api, SegmentService segments) {
        router.add("GET", SEGMENTS, request -> ApiResponse.json(200, api.json().list(
                segments.list(api.caller(request), request.pathParameter("project"), request.pathParameter("env")),
                api.json()::versioned)));
        router.add("GET", SEGMENT, request -> api.json().resource(200, segments.get(api.caller(request),
                request.pathParameter("project"), request.pathParameter("env"), request.pathParameter("segment"))));
        router.add("PUT", SEGMENT, request -> {
            Versioned<Segment> stored = segments.put(api.caller(request), request.pathParameter("project"),
                    request.pathParameter("env"), request.pathParameter("segment"), api.body(request),
                    Preconditions.of(request));
            return api.json().resource(stored.version() == 1 ? 201 : 200, stored);
        });
        router.add("GET", SEGMENT + "/history", request -> {
            int limit = Endpoints.historyLimit(request);
            return ApiResponse.json(200, api.json().page(Endpoints.withCursor(() -> segments.history(
                    api.caller(request), request.pathParameter("project"), request.pathParameter("env"),
                    request.pathParameter("segment"), request.queryParameter("cursor"), limit)),
                    api.json()::historyEntry));
        });
        router.add("POST", SEGMENT + "/rollback", request -> {
            JsonNode body = api.actionBody(request, FlagRoutes.ROLLBACK_FIELDS);
            long version = Endpoints.rollbackVersion(body);
            Caller caller = Endpoints.withBodyComment(api.caller(request), body);
            return api.json().resource(200, segments.rollback(caller, request.pathParameter("project"),
                    request.pathParameter("env"), request.pathParameter("segment"), version,
                    Preconditions.of(request)));
        });
        router.add("DELETE", SEGMENT, request -> {
            Versioned<Segment> tombstone = segments.delete(api.caller(request), request.pathParameter("project"),
                    request.pathParameter("env"), request.pathParameter("segment"), Preconditions.of(request));
            return new ApiResponse(204, java.util.Map.of("ETag", tombstone.etag()), null, null);
        });
    }
}
