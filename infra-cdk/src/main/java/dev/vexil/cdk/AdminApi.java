package dev.vexil.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The admin API: an HTTP API whose every route ({@code ANY /v1/{proxy+}}) requires IAM (SigV4) or, when configured,
 * a JWT, in front of the admin handler's "live" alias. The handler does its own routing (404/405) and roles.
 */
public final class AdminApi extends Construct {
    /** Steady-state and burst request limits of the default stage: generous for people and scripts, a cap for loops. */
    static final int RATE_LIMIT = 50;
    static final int BURST_LIMIT = 100;

    private final HttpApi api;
    private final HttpStage stage;

    public AdminApi(Construct scope, String id, VexilServiceProps props, JavaFunction handler) {
        super(scope, id);
        this.api = HttpApi.Builder.create(this, "Api")
                .apiName("vexil-admin-" + props.stageName())
                .description("Vexil admin API (" + props.stageName() + ")")
                .createDefaultStage(false)
                .defaultAuthorizer(authorizer(props.adminAuth()))
                .build();
        api.addRoutes(AddRoutesOptions.builder()
                .path("/v1/{proxy+}")
                .methods(List.of(HttpMethod.ANY))
                .integration(new HttpLambdaIntegration("Admin", handler.alias()))
                .build());

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        this.stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(RATE_LIMIT).burstLimit(BURST_LIMIT).build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(accessLogFormat());
                    }
                })
                .build();
    }

    private IHttpRouteAuthorizer authorizer(AdminAuth auth) {
        return switch (auth) {
            case AdminAuth.Iam iam -> new HttpIamAuthorizer();
            case AdminAuth.Jwt jwt -> new HttpJwtAuthorizer("Jwt", jwt.issuer(),
                    HttpJwtAuthorizerProps.builder().jwtAudience(jwt.audience()).build());
        };
    }

    /** One JSON object per request, with the caller (IAM ARN or JWT subject) for auditing failed calls too. */
    static String accessLogFormat() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("time", "$context.requestTime");
        fields.put("ip", "$context.identity.sourceIp");
        fields.put("method", "$context.httpMethod");
        fields.put("path", "$context.path");
        fields.put("routeKey", "$context.routeKey");
        fields.put("status", "$context.status");
        fields.put("protocol", "$context.protocol");
        fields.put("responseLength", "$context.responseLength");
        fields.put("latencyMs", "$context.responseLatency");
        fields.put("integrationLatencyMs", "$context.integrationLatency");
        fields.put("integrationError", "$context.integrationErrorMessage");
        fields.put("authorizerError", "$context.authorizer.error");
        fields.put("iamUserArn", "$context.identity.userArn");
        fields.put("jwtSub", "$context.authorizer.claims.sub");
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(name).append("\":\"").append(value).append('"'));
        return json.append('}').toString();
    }

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }
}
