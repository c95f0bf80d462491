package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The admin HTTP API on every stage of cdk.json (IAM auth there). The JWT mode is in JwtAdminAuthTest. */
class AdminApiTemplateTest {

    @Test
    void everyRouteRequiresIam() {
        for (String stage : SynthesizedApp.stageNames()) {
            var routes = new TemplateQueries(SynthesizedApp.templateJson(stage)).ofType("AWS::ApiGatewayV2::Route");
            assertThat(routes).isNotEmpty();
            assertThat(routes.values()).allSatisfy(route ->
                    assertThat(route).containsEntry("AuthorizationType", "AWS_IAM"));
            assertThat(routes.values()).extracting(r -> r.get("RouteKey")).containsExactly("ANY /v1/{proxy+}");
        }
    }

    @Test
    void routesInvokeTheAdminAlias() {
        var queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        var integration = queries.ofType("AWS::ApiGatewayV2::Integration").values().iterator().next();
        @SuppressWarnings("unchecked")
        String target = (String) ((Map<String, Object>) integration.get("IntegrationUri")).get("Ref");
        assertThat(queries.resources().get(target).get("Type")).isEqualTo("AWS::Lambda::Alias");
        assertThat(integration).containsEntry("IntegrationType", "AWS_PROXY")
                .containsEntry("PayloadFormatVersion", "2.0");
    }

    @Test
    void defaultStageThrottlesAndWritesJsonAccessLogsToCloudWatch() throws Exception {
        var queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        SynthesizedApp.template("dev").hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default", "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100),
                "AccessLogSettings", Match.objectLike(Map.of("DestinationArn", Match.objectLike(Map.of())))));
        var stage = queries.ofType("AWS::ApiGatewayV2::Stage").values().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Object> logs = (Map<String, Object>) stage.get("AccessLogSettings");
        @SuppressWarnings("unchecked")
        String logGroup = ((List<String>) ((Map<String, Object>) logs.get("DestinationArn")).get("Fn::GetAtt")).get(0);
        assertThat(queries.resources().get(logGroup).get("Type")).isEqualTo("AWS::Logs::LogGroup");
        JsonNode format = new ObjectMapper().readTree((String) logs.get("Format"));
        assertThat(format.get("requestId").asText()).isEqualTo("$context.requestId");
        assertThat(format.get("status").asText()).isEqualTo("$context.status");
        assertThat(format.get("iamUserArn").asText()).isEqualTo("$context.identity.userArn");
    }
}
