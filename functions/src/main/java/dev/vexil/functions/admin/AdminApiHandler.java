package dev.vexil.functions.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.store.FlagRepository;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.crac.Core;

/**
 * The admin API Lambda (API Gateway HTTP API, payload 2.0). Thin: converts the event, lets {@link AdminApi}
 * route and serve it, converts the response back.
 *
 * <p>Two ways to build it: the no-arg constructor for Lambda (DynamoDB from {@code VEXIL_TABLE}, the access policy
 * from {@code VEXIL_PROJECT_CREATORS} and {@code VEXIL_BREAK_GLASS}, quotas from {@code VEXIL_QUOTAS}, the write rate
 * limit from {@code VEXIL_WRITE_RATE_LIMIT} as a DynamoDB counter, the evaluation counts from the insights table
 * named by {@code VEXIL_INSIGHTS_TABLE}, SnapStart priming registered), and
 * {@link #AdminApiHandler(FlagRepository, Clock)} for local mode and tests.
 */
public final class AdminApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Created once per execution environment (and so included in a SnapStart snapshot). */
    static final ObjectMapper MAPPER = AdminJson.newMapper();

    private final AdminApi api;
    private final EventAdapter adapter;
    private final AdminPrimer primer;

    /**
     * For Lambda: the DynamoDB repository on the table named by {@code VEXIL_TABLE}, and the SnapStart priming
     * hook registered with CRaC (Lambda calls it before taking the snapshot).
     */
    public AdminApiHandler() {
        this(LambdaWiring.REPOSITORY, Clock.systemUTC(), api -> api.policy(LambdaWiring.ACCESS_POLICY)
                .edgeKeys(LambdaWiring.EDGE_KEYS).limits(LambdaWiring.LIMITS).insights(LambdaWiring.INSIGHTS)
                .release(LambdaWiring.RELEASE));
        Core.getGlobalContext().register(primer);
    }

    /**
     * For local mode and tests: any repository, any clock, and the defaults of {@link AdminApi#builder}
     * ({@link AccessPolicy#OPEN}, an edge that reads the repository, the default quotas, no rate limit, no insights
     * store); no priming hook is registered.
     */
    public AdminApiHandler(FlagRepository repository, Clock clock) {
        this(repository, clock, UnaryOperator.identity());
    }

    /** As {@link #AdminApiHandler(FlagRepository, Clock)}, with {@code wiring} setting what differs. */
    public AdminApiHandler(FlagRepository repository, Clock clock, UnaryOperator<AdminApi.Builder> wiring) {
        this.api = wiring.apply(AdminApi.builder(repository, clock, MAPPER)).build();
        this.adapter = new EventAdapter(MAPPER);
        this.primer = new AdminPrimer(this, repository, MAPPER);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request;
        try {
            request = adapter.toRequest(event);
        } catch (RuntimeException unreadable) {
            JsonLog.error("unreadable API Gateway event", null, unreadable);
            return adapter.toResponse(api.problem(AdminException.invalid("", "unreadable request event"), "/"));
        }
        return adapter.toResponse(api.handle(request));
    }

    /** The routes, for the OpenAPI comparison and for priming. */
    AdminApi api() {
        return api;
    }

    /** The SnapStart hook (registered with CRaC by the Lambda constructor). */
    AdminPrimer primer() {
        return primer;
    }
}
