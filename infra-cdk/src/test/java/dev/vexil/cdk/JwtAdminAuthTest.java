package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** A stage configured with a JWT issuer puts a JWT authorizer, instead of IAM, on every admin route. */
class JwtAdminAuthTest {

    @Test
    void jwtStageAuthorizesEveryRouteWithTheConfiguredIssuerAndAudience() {
        Map<String, Object> context = new HashMap<>(SynthesizedApp.cdkJsonContext());
        context.put(StageConfig.STAGES_KEY, Map.of("sso", Map.of(
                "jwtIssuer", "https://login.example.com/tenant", "jwtAudience", List.of("vexil-admin"))));
        App app = App.Builder.create().context(context).build();
        var stack = VexilApp.configure(app).get(0);
        Template template = Template.fromStack(stack);

        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of("Issuer", "https://login.example.com/tenant",
                        "Audience", List.of("vexil-admin"))));
        var routes = new TemplateQueries(template.toJSON()).ofType("AWS::ApiGatewayV2::Route");
        assertThat(routes).isNotEmpty();
        assertThat(routes.values()).allSatisfy(route ->
                assertThat(route).containsEntry("AuthorizationType", "JWT").containsKey("AuthorizerId"));
    }
}
