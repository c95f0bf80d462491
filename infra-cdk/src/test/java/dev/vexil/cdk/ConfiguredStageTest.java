package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.core.admin.limits.Quotas;
import dev.vexil.core.ratelimit.RateLimit;

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
        context.put(StageConfig.STAGES_KEY, Map.of("sso", Map.ofEntries(
                Map.entry("jwtIssuer", "https://login.example.com/tenant"),
                Map.entry("jwtAudience", List.of("vexil-admin")),
                Map.entry("cdnDomain", "flags.example.com"), Map.entry("cdnCertificateArn", CERTIFICATE),
                Map.entry("breakGlass", List.of("arn:aws:iam::123456789012:role/VexilBreakGlass")),
                Map.entry("compilerReservedConcurrency", 8), Map.entry("keySyncReservedConcurrency", 0),
                Map.entry("insightsIngestReservedConcurrency", 0),
                Map.entry("cdnRateLimit", 3000), Map.entry("cdnLogging", true),
                Map.entry("quotas", Map.of("flags", 10000, "sdkKeys", 5)),
                Map.entry("adminWriteRateLimit", "120/60s"))));
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
    void jwtStageLetsEverySubjectOfTheIssuerCreateProjectsAndNamesTheBreakGlassOperators() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.ADMIN_HANDLER + "::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "VEXIL_PROJECT_CREATORS", "https://login.example.com/tenant#*",
                        "VEXIL_BREAK_GLASS", "arn:aws:iam::123456789012:role/VexilBreakGlass"))))));
    }

    @Test
    void quotasAndTheWriteRateLimitReachTheAdminLambdaInTheFormItParses() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.ADMIN_HANDLER + "::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "VEXIL_QUOTAS", "flags=10000,sdkKeys=5", "VEXIL_WRITE_RATE_LIMIT", "120/60s"))))));
        assertThat(Quotas.parse("flags=10000,sdkKeys=5")).isEqualTo(new Quotas(50, 10_000, 1_000, 5));
        assertThat(RateLimit.parse("120/60s")).isEqualTo(new RateLimit(120, java.time.Duration.ofSeconds(60)));
    }

    @Test
    void malformedQuotasOrWriteRateLimitFailTheSynth() {
        assertThatThrownBy(() -> VexilServiceProps.builder("bad").quotas("flag=10").build())
                .hasMessageContaining("flag=10");
        assertThatThrownBy(() -> VexilServiceProps.builder("bad").adminWriteRateLimit("60 per minute").build())
                .hasMessageContaining("60/60s");
    }

    @Test
    void reservedConcurrencyIsConfigurableAndZeroReservesNone() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.COMPILER_HANDLER + "::handleRequest", "ReservedConcurrentExecutions", 8)));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.KEY_SYNC_HANDLER + "::handleRequest", "ReservedConcurrentExecutions", Match.absent())));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", InsightsIngestion.HANDLER + "::handleRequest", "ReservedConcurrentExecutions",
                Match.absent())));
    }

    @Test
    void rateLimitPutsAPerIpWafRuleOnTheDistributionAndInsistsOnUsEast1() {
        template.hasResourceProperties("AWS::WAFv2::WebACL", Match.objectLike(Map.of(
                "Scope", "CLOUDFRONT",
                "DefaultAction", Map.of("Allow", Map.of()),
                "Rules", List.of(Match.objectLike(Map.of(
                        "Action", Map.of("Block", Map.of()),
                        "Statement", Map.of("RateBasedStatement", Map.of("Limit", 3000, "AggregateKeyType", "IP",
                                "EvaluationWindowSec", 300))))))));
        String acl = new TemplateQueries(template.toJSON()).onlyLogicalId("AWS::WAFv2::WebACL");
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("WebACLId", TemplateQueries.getAtt(acl, "Arn")))));
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) template.toJSON().get("Rules");
        assertThat(rules.entrySet()).filteredOn(rule -> rule.getKey().contains("WafNeedsUsEast1")).singleElement()
                .satisfies(rule -> assertThat(rule.getValue().toString()).contains("us-east-1").contains("AWS::Region"));
    }

    @Test
    void cdnLoggingWritesStandardLogsToTheirOwnBucket() {
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("Logging", Match.objectLike(Map.of("Prefix", "cdn/"))))));
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "ObjectWriter"))))));
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
