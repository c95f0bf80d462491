package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.getAtt;
import static dev.vexil.cdk.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The push channel: an AppSync Events API, its SDK-key authorizer, and who may publish (docs/push.md). */
class PushTemplateTest {
    private static Template template;
    private static TemplateQueries queries;
    private static String api;
    private static String authorizer;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        api = queries.onlyLogicalId("AWS::AppSync::Api");
        authorizer = queries.functionFor(PushChannel.AUTHORIZER_HANDLER);
    }

    @Test
    void sdksConnectAndSubscribeThroughTheLambdaAuthorizerWithoutCachingAndOnlyIamPublishes() {
        Map<String, Object> lambda = Map.of("AuthType", "AWS_LAMBDA");
        Map<String, Object> iam = Map.of("AuthType", "AWS_IAM");
        template.hasResourceProperties("AWS::AppSync::Api", Map.of(
                "Name", "vexil-push-dev",
                "EventConfig", Match.objectEquals(Map.of(
                        "AuthProviders", List.of(
                                Match.objectLike(Map.of("AuthType", "AWS_LAMBDA", "LambdaAuthorizerConfig",
                                        Match.objectLike(Map.of("AuthorizerResultTtlInSeconds", 0)))),
                                iam),
                        "ConnectionAuthModes", List.of(lambda),
                        "DefaultSubscribeAuthModes", List.of(lambda),
                        "DefaultPublishAuthModes", List.of(iam)))));
        template.hasResourceProperties("AWS::AppSync::ChannelNamespace", Map.of(
                "ApiId", getAtt(api, "ApiId"), "Name", PushChannel.NAMESPACE));
    }

    @Test
    void theAuthorizerReadsTheTableAndOnlyAppSyncMayInvokeIt() {
        String table = queries.vexilTable();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", PushChannel.AUTHORIZER_HANDLER + "::handleRequest", "MemorySize", 512, "Timeout", 10,
                "Environment", Map.of("Variables", Match.objectEquals(Map.of(
                        "VEXIL_TABLE", ref(table),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "appsync.amazonaws.com")));
        assertThat(queries.ofType("AWS::Lambda::Permission").values()).allSatisfy(permission ->
                assertThat(permission.get("Principal")).isNotEqualTo("*"));
        assertThat(authorizer).isNotNull();
    }

    @Test
    void theStackOutputsTheRealtimeUrlSdksConnectTo() {
        template.hasOutput("VexilPushRealtimeUrl", Match.objectLike(Map.of("Value", Map.of("Fn::Join", List.of("",
                List.of("wss://", getAtt(api, "Dns.Realtime"), "/event/realtime"))))));
    }
}
