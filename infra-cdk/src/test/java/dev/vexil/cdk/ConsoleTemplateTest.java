package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
 * A stage with the admin console (docs/console.md): its own distribution with the strict security headers, CORS on
 * the HTTP API for that origin only, and the built files with the sign-in settings. Synthesized into
 * target/cdk.out.console, which the build's cfn-lint step lints.
 */
class ConsoleTemplateTest {
    static final Path OUT_DIR = Path.of("target", "cdk.out.console");
    private static final String ISSUER = "https://login.example.com/tenant";
    private static Template template;
    private static Stack stack;

    private static Map<String, Object> stage(Map<String, Object> settings) {
        Map<String, Object> context = new HashMap<>(SynthesizedApp.cdkJsonContext());
        context.put(StageConfig.STAGES_KEY, Map.of("console", settings));
        return context;
    }

    @BeforeAll
    static void synthesize() throws Exception {
        if (java.nio.file.Files.exists(OUT_DIR)) { // assets of earlier builds would linger beside the new ones
            try (var files = java.nio.file.Files.walk(OUT_DIR)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        App app = App.Builder.create().context(stage(Map.of("jwtIssuer", ISSUER,
                "jwtAudience", List.of("vexil-cli", "vexil-console"), "consoleClientId", "vexil-console",
                "consoleScope", "openid email", "consoleConnectOrigins", List.of("https://auth.example.com"))))
                .outdir(OUT_DIR.toString()).build();
        stack = VexilApp.configure(app).get(0);
        app.synth();
        template = Template.fromStack(stack);
    }

    @Test
    void theConsoleIsServedWithAStrictPolicyHstsAndNoFraming() {
        template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Match.objectLike(Map.of(
                "ResponseHeadersPolicyConfig", Match.objectLike(Map.of("SecurityHeadersConfig", Match.objectLike(Map.of(
                        "StrictTransportSecurity", Map.of("AccessControlMaxAgeSec", 63_072_000, "IncludeSubdomains", true,
                                "Override", true),
                        "ContentTypeOptions", Map.of("Override", true),
                        "FrameOptions", Map.of("FrameOption", "DENY", "Override", true),
                        "ReferrerPolicy", Map.of("ReferrerPolicy", "no-referrer", "Override", true))))))));
        String csp = new TemplateQueries(template.toJSON()).ofType("AWS::CloudFront::ResponseHeadersPolicy").values()
                .iterator().next().toString();
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'",
                "https://login.example.com", "https://auth.example.com", ".execute-api.", "AWS::Region").doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void theDistributionReadsAPrivateBucketOverHttpsOnly() {
        template.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "Comment", "Vexil console admin console",
                        "DefaultRootObject", "index.html",
                        "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https",
                                "ResponseHeadersPolicyId", Match.anyValue())),
                        "Origins", List.of(Match.objectLike(Map.of("OriginAccessControlId", Match.anyValue()))))))));
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true))));
        template.hasOutput("VexilConsoleUrl", Match.anyValue());
    }

    @Test
    void theHttpApiAllowsTheConsoleOriginOnlyWithTheHeadersTheApiUses() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Match.objectLike(Map.of("CorsConfiguration", Map.of(
                "AllowOrigins", List.of(Map.of("Fn::Join", List.of("", List.of("https://",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ConsoleDistribution.*"), "DomainName")))))),
                "AllowMethods", List.of("GET", "POST", "PUT", "DELETE"),
                "AllowHeaders", AdminConsole.CORS_ALLOW_HEADERS,
                "ExposeHeaders", AdminConsole.CORS_EXPOSE_HEADERS,
                "AllowCredentials", false,
                "MaxAge", 600))));
    }

    @Test
    void theFilesAndTheSignInSettingsAreDeployedBesideEachOther() {
        var deployments = new TemplateQueries(template.toJSON()).ofType("Custom::CDKBucketDeployment");
        assertThat(deployments).hasSize(2);
        String all = deployments.values().toString();
        assertThat(all).contains("public, max-age=31536000, immutable", "no-cache", "config.json", "index.html",
                "ApiEndpoint");
    }

    @Test
    void configJsonNamesTheIssuerThePublicClientAndTheApiAndNoSecret() throws Exception {
        List<Path> configs;
        try (var files = java.nio.file.Files.walk(OUT_DIR)) {
            configs = files.filter(f -> f.getFileName().toString().equals("config.json")).toList();
        }
        assertThat(configs).hasSize(1);
        String config = java.nio.file.Files.readString(configs.get(0));
        assertThat(config).contains("\"issuer\":\"" + ISSUER + "\"", "\"clientId\":\"vexil-console\"",
                "\"scope\":\"openid email\"", "\"apiBase\":").doesNotContainIgnoringCase("secret");
    }

    @Test
    void cdkNagFindsNothingUnsuppressed() {
        List<String> errors = Annotations.fromStack(stack).findError("*", Match.anyValue()).stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
        assertThat(errors).isEmpty();
    }

    @Test
    void anIamOnlyAdminApiOrAClientOutsideTheAudienceIsRefusedWithTheReason() {
        assertThatThrownBy(() -> VexilApp.configure(App.Builder.create()
                .context(stage(Map.of("consoleClientId", "vexil-console"))).outdir("target/cdk.out.refused").build()))
                .hasMessageContaining("must use AdminAuth.jwt").hasMessageContaining("docs/console.md");
        assertThatThrownBy(() -> VexilApp.configure(App.Builder.create()
                .context(stage(Map.of("jwtIssuer", ISSUER, "jwtAudience", List.of("vexil-cli"),
                        "consoleClientId", "vexil-console"))).outdir("target/cdk.out.refused").build()))
                .hasMessageContaining("must be one of the JWT audience");
    }
}
