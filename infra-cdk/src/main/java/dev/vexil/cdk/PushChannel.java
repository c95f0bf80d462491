package dev.vexil.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.appsync.AppSyncAuthProvider;
import software.amazon.awscdk.services.appsync.AppSyncAuthorizationType;
import software.amazon.awscdk.services.appsync.AppSyncLambdaAuthorizerConfig;
import software.amazon.awscdk.services.appsync.ChannelNamespace;
import software.amazon.awscdk.services.appsync.EventApi;
import software.amazon.awscdk.services.appsync.EventApiAuthConfig;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The push channel (docs/push.md): an AppSync Events API with one channel namespace, {@code vexil}, one channel per
 * environment. SDKs connect and subscribe with their SDK key, checked by a Lambda authorizer
 * ({@value #AUTHORIZER_HANDLER}) against the table; results are not cached, so a revoked key is refused at its next
 * connect. Only IAM may publish, and only the compiler has {@code appsync:EventPublish}, on this namespace.
 */
public final class PushChannel extends Construct {
    public static final String AUTHORIZER_HANDLER = "dev.vexil.functions.push.PushAuthorizerHandler";
    public static final String NAMESPACE = "vexil";
    /** Where the compiler finds the API's HTTP domain (dev.vexil.functions.compiler.LambdaWiring). */
    public static final String HTTP_DOMAIN_VARIABLE = "VEXIL_PUSH_HTTP_DOMAIN";

    private final JavaFunction authorizer;
    private final EventApi api;
    private final ChannelNamespace namespace;

    public PushChannel(Construct scope, String id, VexilServiceProps props, DataStore data, JavaFunction compiler) {
        super(scope, id);
        Code code = Code.fromAsset(props.functionsJar().toAbsolutePath().normalize().toString());
        TableV2 table = data.table();
        // One GSI query and one consistent read per connect or subscribe: small and quick.
        this.authorizer = new JavaFunction(this, "Authorizer", props, code, AUTHORIZER_HANDLER, 512,
                Duration.seconds(10), Map.of("VEXIL_TABLE", table.getTableName()));
        authorizer.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadSdkKeys")
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of(table.getTableArn()))
                .build());
        authorizer.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("FindSdkKeyByHash")
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.getTableArn() + "/index/sdkKeyHash"))
                .build());

        AppSyncAuthProvider lambda = AppSyncAuthProvider.builder()
                .authorizationType(AppSyncAuthorizationType.LAMBDA)
                .lambdaAuthorizerConfig(AppSyncLambdaAuthorizerConfig.builder()
                        .handler(authorizer.alias())
                        // No caching: a revoked key must be refused at its next connect or subscribe.
                        .resultsCacheTtl(Duration.seconds(0))
                        .build())
                .build();
        AppSyncAuthProvider iam = AppSyncAuthProvider.builder()
                .authorizationType(AppSyncAuthorizationType.IAM).build();
        this.api = EventApi.Builder.create(this, "Api")
                .apiName("vexil-push-" + props.stageName())
                .authorizationConfig(EventApiAuthConfig.builder()
                        .authProviders(List.of(lambda, iam))
                        .connectionAuthModeTypes(List.of(AppSyncAuthorizationType.LAMBDA))
                        .defaultSubscribeAuthModeTypes(List.of(AppSyncAuthorizationType.LAMBDA))
                        .defaultPublishAuthModeTypes(List.of(AppSyncAuthorizationType.IAM))
                        .build())
                // No API log configuration: CDK would add its log-retention Lambda for it. The authorizer logs every
                // decision (operation and outcome, never the key) in its own log group.
                .build();
        this.namespace = api.addChannelNamespace(NAMESPACE);
        namespace.grantPublish(compiler.role());
        compiler.function().addEnvironment(HTTP_DOMAIN_VARIABLE, api.getHttpDns());
    }

    /** The URL SDKs connect to ({@code VexilClient.Builder.realtimeUrl}). */
    public String realtimeUrl() {
        return "wss://" + api.getRealtimeDns() + "/event/realtime";
    }

    public EventApi api() {
        return api;
    }

    public ChannelNamespace namespace() {
        return namespace;
    }

    public JavaFunction authorizer() {
        return authorizer;
    }
}
