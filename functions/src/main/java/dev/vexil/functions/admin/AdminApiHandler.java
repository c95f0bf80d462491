package dev.vexil.functions.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.access.AccessPolicy;
import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.admin.JsonLog;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.keys.SdkKeyEdgeSync;
import dev.vexil.core.store.FlagRepository;
import java.time.Clock;
import org.crac.Core;

/**
 * The admin API Lambda (API Gateway HTTP API, payload 2.0). Thin: converts the event, lets {@link AdminApi}
 * route and serve it, converts the response back.
 *
 * <p>Two ways to build it: the no-arg constructor for Lambda (DynamoDB from {@code VEXIL_TABLE}, the access policy
 * from {@code VEXIL_PROJECT_CREATORS} and {@code VEXIL_BREAK_GLASS}, quotas from {@code VEXIL_QUOTAS}, the write rate
 * limit from {@code VEXIL_WRITE_RATE_LIMIT} as a DynamoDB counter, SnapStart priming registered), and
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
        this(LambdaWiring.REPOSITORY, Clock.systemUTC(), LambdaWiring.ACCESS_POLICY, LambdaWiring.EDGE_KEYS,
                LambdaWiring.LIMITS);
        Core.getGlobalContext().register(primer);
    }

    /**
     * For local mode and tests: any repository, any clock, {@link AccessPolicy#OPEN} (anyone may create
     * projects, no break-glass operators); SDK-key resync answers that the edge reads the repository (as local mode's
     * does); no priming hook is registered.
     */
    public AdminApiHandler(FlagRepository repository, Clock clock) {
        this(repository, clock, AccessPolicy.OPEN, SdkKeyEdgeSync.READS_REPOSITORY);
    }

    /** For tests of the stage-wide access rules. No insights store: the insights routes answer 501. */
    public AdminApiHandler(FlagRepository repository, Clock clock, AccessPolicy policy) {
        this(repository, clock, policy, SdkKeyEdgeSync.READS_REPOSITORY);
    }

    /** As {@link #AdminApiHandler(FlagRepository, Clock)}, with {@code edgeKeys} repairing the edge's key copies. */
    public AdminApiHandler(FlagRepository repository, Clock clock, SdkKeyEdgeSync edgeKeys) {
        this(repository, clock, AccessPolicy.OPEN, edgeKeys);
    }

    /** Access rules and the edge's key store; the default quotas and no write rate limit. */
    public AdminApiHandler(FlagRepository repository, Clock clock, AccessPolicy policy, SdkKeyEdgeSync edgeKeys) {
        this(repository, clock, policy, edgeKeys, AdminLimits.QUOTAS_ONLY);
    }

    /** For tests of the quotas and the write rate limit (open access rules; the edge reads the repository). */
    public AdminApiHandler(FlagRepository repository, Clock clock, AdminLimits limits) {
        this(repository, clock, AccessPolicy.OPEN, SdkKeyEdgeSync.READS_REPOSITORY, limits);
    }

    /**
     * For tests with evaluation insights ({@code insights}: any {@link InsightsStore} adapter). The Lambda has none
     * yet (the AWS insights store is not wired, docs/insights.md), so there the insights routes answer 501.
     */
    public AdminApiHandler(FlagRepository repository, Clock clock, AccessPolicy policy, InsightsStore insights) {
        this(repository, clock, policy, SdkKeyEdgeSync.READS_REPOSITORY, AdminLimits.QUOTAS_ONLY, insights);
    }

    /** The full wiring: access rules, the edge's key store, quotas and the write rate limiter; no insights store. */
    public AdminApiHandler(FlagRepository repository, Clock clock, AccessPolicy policy, SdkKeyEdgeSync edgeKeys,
                           AdminLimits limits) {
        this(repository, clock, policy, edgeKeys, limits, null);
    }

    /** Everything, with {@code insights} null where no insights store is deployed (those routes answer 501). */
    public AdminApiHandler(FlagRepository repository, Clock clock, AccessPolicy policy, SdkKeyEdgeSync edgeKeys,
                           AdminLimits limits, InsightsStore insights) {
        this.api = new AdminApi(repository, clock, MAPPER, policy, edgeKeys, limits, insights);
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
