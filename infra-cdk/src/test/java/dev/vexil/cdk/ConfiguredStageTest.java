package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A stage with the optional settings of cdk.json's vexil:stages: a JWT issuer for the admin API and a custom CDN
 * domain. Synthesized once, alongside the cdk.json stages, into target/cdk.out.configured (linted by cfn-lint).
 */
class ConfiguredStageTest {
    static final java.nio.file.Path OUT_DIR = java.nio.file.Path.of("target", "cdk.out.configured");
    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f3a2c1e-aaaa-bbbb";
    private static Template template;
    private static Stack stack;

    @BeforeAll
    static void synthesize() {
        Map<String, Object> context = new HashMap<>(SynthesizedApp.cdkJsonContext());
        context.put(StageConfig.STAGES_KEY, Map.of("sso", Map.of(
                "jwtIssuer", "https://login.example.com/tenant", "jwtAudience", List.of("vexil-admin"),
                "cdnDomain", "flags.example.com", "cdnCertificateArn", CERTIFICATE)));
        // Written next to target/cdk.out so that the build's cfn-lint step lints this template too.
        App app = App.Builder.create().context(context).outdir(OUT_DIR.toString()).build();
        stack = VexilApp.configure(app).get(0);
        app.synth();
        template = Template.fromStack(stack);
    }

    @Test
    void jwtStageAuthorizesEveryRouteWithTheConfiguredIssuerAndAudience() {
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

    @Test
    void configuredStagePassesCdkNagToo() {
        // With a custom domain the TLS-policy rule (CFR4) is not suppressed: the distribution must satisfy it.
        assertThat(Annotations.fromStack(stack).findError("*", Match.anyValue())).isEmpty();
    }

    @Test
    void customDomainServesTheCdnWithItsCertificateAndTls12() {
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of(
                        "Aliases", List.of("flags.example.com"),
                        "ViewerCertificate", Map.of("AcmCertificateArn", CERTIFICATE,
                                "MinimumProtocolVersion", "TLSv1.2_2021", "SslSupportMethod", "sni-only")))));
        template.hasOutput("VexilCdnDomain", Map.of("Value", "flags.example.com", "Description", Match.anyValue()));
    }
}
