package dev.vexil.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.access.AwsPrincipals;
import dev.vexil.core.admin.access.CallerIdentity;
import dev.vexil.core.admin.access.JwtPrincipals;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between API Gateway HTTP API (payload format 2.0) events and the admin API's own request and
 * response. The caller is the IAM caller ARN ({@code authorizer.iam.userArn}, an assumed-role session normalised
 * to its role with the session name kept apart: {@link AwsPrincipals}), else the JWT issuer and subject together
 * ({@code <iss>#<sub>}: {@link JwtPrincipals}). See docs/architecture.md, "Security model".
 */
final class EventAdapter {
    private final ObjectMapper mapper;

    EventAdapter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : null;
        if (method == null && event.getRouteKey() != null && event.getRouteKey().contains(" ")) {
            method = event.getRouteKey().substring(0, event.getRouteKey().indexOf(' '));
        }
        Optional<CallerIdentity> caller = caller(context);
        return new ApiRequest(method == null ? "GET" : method, path(event), event.getHeaders(),
                event.getQueryStringParameters(), event.getBody(), event.getIsBase64Encoded(),
                caller.map(CallerIdentity::principal).orElse(null), Map.of(),
                caller.map(CallerIdentity::sessionName).orElse(null));
    }

    APIGatewayV2HTTPResponse toResponse(ApiResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(new LinkedHashMap<>(response.wireHeaders()))
                .withBody(response.bodyText(mapper))
                .withIsBase64Encoded(false)
                .build();
    }

    /** The raw path without the stage prefix that API Gateway adds for a named (non-$default) stage. */
    private static String path(APIGatewayV2HTTPEvent event) {
        String raw = event.getRawPath() == null || event.getRawPath().isEmpty() ? "/" : event.getRawPath();
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String stage = context == null ? null : context.getStage();
        if (stage != null && !stage.isEmpty() && !"$default".equals(stage) && raw.startsWith("/" + stage + "/")) {
            return raw.substring(stage.length() + 1);
        }
        return raw;
    }

    static Optional<CallerIdentity> caller(APIGatewayV2HTTPEvent.RequestContext context) {
        if (context == null || context.getAuthorizer() == null) {
            return Optional.empty();
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context.getAuthorizer();
        if (authorizer.getIam() != null && notBlank(authorizer.getIam().getUserArn())) {
            return Optional.of(AwsPrincipals.fromCallerArn(authorizer.getIam().getUserArn()));
        }
        if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
            Map<String, String> claims = authorizer.getJwt().getClaims();
            return JwtPrincipals.of(claims.get("iss"), claims.get("sub"));
        }
        return Optional.empty();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
