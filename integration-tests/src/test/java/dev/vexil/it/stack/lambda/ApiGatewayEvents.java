package dev.vexil.it.stack.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.vexil.local.http.HttpCall;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the {@link APIGatewayV2HTTPEvent} (payload format 2.0) that API Gateway's HTTP API would send for a
 * request the local gateway has already normalised ({@link HttpCall}: headers, cookies, query, body), with the
 * request context filled in and the principal placed where the configured authorizer puts it.
 */
final class ApiGatewayEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final String LOCAL_ISSUER = "https://vexil.local/";

    private final PrincipalClaim principalClaim;

    ApiGatewayEvents(PrincipalClaim principalClaim) {
        this.principalClaim = principalClaim;
    }

    APIGatewayV2HTTPEvent toEvent(HttpCall call) {
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(call.method());
        http.setPath(call.rawPath());
        http.setProtocol(call.protocol());
        http.setSourceIp(call.sourceIp());
        http.setUserAgent(call.headers().get("user-agent"));

        RequestContext context = new RequestContext();
        context.setRouteKey("$default");
        context.setAccountId("000000000000");
        context.setApiId("local");
        context.setStage("$default");
        context.setDomainName(call.headers().getOrDefault("host", "localhost"));
        context.setDomainPrefix("local");
        context.setRequestId(UUID.randomUUID().toString());
        context.setTime(REQUEST_TIME.format(call.receivedAt()));
        context.setTimeEpoch(call.receivedAt().toEpochMilli());
        context.setHttp(http);
        context.setAuthorizer(authorizer(call.principal()));

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(call.rawPath());
        event.setRawQueryString(call.rawQuery());
        event.setCookies(call.cookies().isEmpty() ? null : call.cookies());
        event.setHeaders(call.headers());
        event.setQueryStringParameters(call.queryParameters());
        event.setRequestContext(context);
        event.setBody(call.body());
        event.setIsBase64Encoded(call.base64Body());
        return event;
    }

    private RequestContext.Authorizer authorizer(String principal) {
        RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
        if (principalClaim == PrincipalClaim.IAM_USER_ARN) {
            RequestContext.IAM iam = new RequestContext.IAM();
            iam.setUserArn(principal);
            iam.setAccountId("000000000000");
            authorizer.setIam(iam);
        } else {
            RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
            // The issuer is part of a JWT caller's principal (<iss>#<sub>), as it is behind API Gateway.
            jwt.setClaims(Map.of("iss", LOCAL_ISSUER, "sub", principal));
            jwt.setScopes(null);
            authorizer.setJwt(jwt);
        }
        return authorizer;
    }
}
