package dev.vexil.core.admin.routes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Preconditions;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.review.ChangeRequest;
import dev.vexil.core.review.ChangeRequestService;
import dev.vexil.core.review.PromoteService;
import dev.vexil.core.store.ReviewSettings;
import dev.vexil.core.store.Versioned;
import java.util.List;

/**
 * Change requests of an environment (propose, list, read, edit, review, apply, rebase, withdraw) and promotion of a
 * flag's targeting between environments (docs/change-requests.md).
 */
public final class ChangeRequestRoutes {
    private static final String REQUESTS = "/v1/projects/{project}/environments/{env}/change-requests";
    private static final String REQUEST = REQUESTS + "/{id}";

    private ChangeRequestRoutes() {
    }

    public static void register(Router router, Endpoints api, ChangeRequestService requests, PromoteService promote) {
        router.add("POST", REQUESTS, request -> {
            String project = request.pathParameter("project");
            String env = request.pathParameter("env");
            ChangeRequestService.Created created = requests.create(api.caller(request), project, env,
                    api.body(request));
            ObjectNode body = representation(api, requests.settings(project, env), created.request());
            body.set("impact", api.json().impact(created.impact()));
            return ApiResponse.versioned(201, body, created.request().etag());
        });
        router.add("GET", REQUESTS, request -> {
            String project = request.pathParameter("project");
            String env = request.pathParameter("env");
            List<Versioned<ChangeRequest>> found = requests.list(api.caller(request), project, env,
                    blankToNull(request.queryParameter("state")), blankToNull(request.queryParameter("author")),
                    blankToNull(request.queryParameter("flag")));
            ReviewSettings settings = requests.settings(project, env);
            return ApiResponse.json(200, api.json().list(found, r -> representation(api, settings, r)));
        });
        router.add("GET", REQUEST, request -> respond(api, requests, request.pathParameter("project"),
                request.pathParameter("env"), requests.get(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"), request.pathParameter("id"))));
        router.add("PUT", REQUEST, request -> respond(api, requests, request.pathParameter("project"),
                request.pathParameter("env"), requests.edit(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"), request.pathParameter("id"), api.body(request),
                        Preconditions.of(request))));
        router.add("POST", REQUEST + "/reviews", request -> respond(api, requests, request.pathParameter("project"),
                request.pathParameter("env"), requests.review(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"), request.pathParameter("id"), api.body(request))));
        router.add("POST", REQUEST + "/apply", request -> respond(api, requests, request.pathParameter("project"),
                request.pathParameter("env"), requests.apply(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"), request.pathParameter("id"))));
        router.add("POST", REQUEST + "/rebase", request -> respond(api, requests, request.pathParameter("project"),
                request.pathParameter("env"), requests.rebase(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"), request.pathParameter("id"))));
        router.add("POST", REQUEST + "/withdraw", request -> respond(api, requests, request.pathParameter("project"),
                request.pathParameter("env"), requests.withdraw(api.caller(request), request.pathParameter("project"),
                        request.pathParameter("env"), request.pathParameter("id"))));

        router.add("POST", "/v1/projects/{project}/flags/{flag}/promote", request -> {
            String project = request.pathParameter("project");
            PromoteService.Result result = promote.promote(api.caller(request), project,
                    request.pathParameter("flag"), api.body(request));
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("diff", result.diff());
            if (result.request() != null) {
                body.put("mode", "change-request");
                ObjectNode changeRequest = representation(api, requests.settings(project, result.to()),
                        result.request().request());
                changeRequest.set("impact", api.json().impact(result.request().impact()));
                body.set("changeRequest", changeRequest);
                return ApiResponse.json(201, body);
            }
            body.put("mode", "direct");
            body.set("configuration", api.json().versioned(result.configuration()));
            return ApiResponse.json(200, body);
        });
    }

    private static ApiResponse respond(Endpoints api, ChangeRequestService requests, String project, String env,
                                       Versioned<ChangeRequest> request) {
        return ApiResponse.versioned(200, representation(api, requests.settings(project, env), request),
                request.etag());
    }

    /** The stored request, its version, and the approvals that count against those the environment requires. */
    private static ObjectNode representation(Endpoints api, ReviewSettings settings, Versioned<ChangeRequest> request) {
        ObjectNode node = api.json().versioned(request);
        request.value().approvers().forEach(node.putArray("approvals")::add);
        node.put("requiredApprovals", settings.requiredApprovals());
        return node;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
