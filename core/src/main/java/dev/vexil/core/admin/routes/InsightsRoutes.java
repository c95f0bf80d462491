package dev.vexil.core.admin.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.http.Router;
import dev.vexil.core.admin.service.FlagDefinitionService;
import dev.vexil.core.admin.service.InsightsRange;
import dev.vexil.core.admin.service.InsightsService;
import dev.vexil.core.admin.service.StaleFlagService;
import java.time.Clock;

/**
 * Evaluation insights (docs/insights.md): one flag's counts over time with its change markers, totals per flag, and
 * stale flags. Registered before the flag configuration routes, so that {@code …/flags/insights} is this listing;
 * new flags may not take that key ({@link FlagDefinitionService#RESERVED_INSIGHTS_KEY}).
 */
public final class InsightsRoutes {
    private static final String ENV = "/v1/projects/{project}/environments/{env}";

    private InsightsRoutes() {
    }

    public static void register(Router router, Endpoints api, ObjectMapper mapper, Clock clock,
                                InsightsService insights, StaleFlagService stale) {
        router.add("GET", ENV + "/flags/" + FlagDefinitionService.RESERVED_INSIGHTS_KEY, request -> ok(mapper, insights.totals(api.caller(request),
                request.pathParameter("project"), request.pathParameter("env"), range(request, null, clock))));
        router.add("GET", ENV + "/flags/{flag}/insights", request -> ok(mapper, insights.flag(api.caller(request),
                request.pathParameter("project"), request.pathParameter("env"), request.pathParameter("flag"),
                range(request, request.queryParameter("step"), clock))));
        router.add("GET", ENV + "/stale-flags", request -> ok(mapper, stale.list(api.caller(request),
                request.pathParameter("project"), request.pathParameter("env"),
                StaleFlagService.days(request.queryParameter("days")))));
    }

    private static InsightsRange range(ApiRequest request, String step, Clock clock) {
        return InsightsRange.parse(blankToNull(request.queryParameter("from")), blankToNull(request.queryParameter("to")),
                blankToNull(step), clock);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ApiResponse ok(ObjectMapper mapper, Object body) {
        return ApiResponse.json(200, mapper.valueToTree(body));
    }
}
