package dev.vexil.cdk;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.CfnApi;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The admin console on AWS (docs/console.md): the console's static files in a private bucket behind a CloudFront
 * distribution of its own (Origin Access Control, HTTPS only), whose response-headers policy sets a strict
 * Content-Security-Policy (no inline script or style; API calls only to the admin API and the OpenID Connect
 * issuer), HSTS, nosniff, no framing and no referrer. The HTTP API answers CORS for that origin only. Sign-in is
 * OpenID Connect authorization code + PKCE against the issuer the admin API's JWT authorizer already trusts, with a
 * public client (no secret) named by {@code clientId}; the console learns both from the {@code config.json} deployed
 * beside it. IAM-only admin APIs cannot be used from a browser this way (docs/console.md says why and what to do).
 */
public final class AdminConsole extends Construct {
    /** Headers the console sends to the admin API, and those it must read from the answers. */
    static final List<String> CORS_ALLOW_HEADERS = List.of("authorization", "content-type", "if-match", "if-none-match",
            "x-vexil-comment");
    static final List<String> CORS_EXPOSE_HEADERS = List.of("etag", "retry-after");
    static final Duration HSTS_MAX_AGE = Duration.days(730);

    /**
     * What the console needs: its built files, the OIDC client it signs in with (one of the JWT audience), the
     * scope to ask for, and further origins the browser must reach for sign-in (e.g. a Cognito hosted-UI domain
     * whose token endpoint is not on the issuer's host).
     */
    public record Settings(Path assets, String clientId, String scope, List<String> extraConnectOrigins) {
        public Settings {
            Objects.requireNonNull(assets, "assets");
            Objects.requireNonNull(clientId, "clientId");
            scope = scope == null || scope.isBlank() ? "openid" : scope;
            extraConnectOrigins = List.copyOf(extraConnectOrigins);
            for (String origin : extraConnectOrigins) {
                if (!origin.startsWith("https://")) {
                    throw new IllegalArgumentException("console connect origins must be https:// origins, got: " + origin);
                }
            }
        }
    }

    private final Bucket bucket;
    private final Distribution distribution;

    public AdminConsole(Construct scope, String id, VexilServiceProps props, AdminApi adminApi, Settings settings) {
        super(scope, id);
        if (!(props.adminAuth() instanceof AdminAuth.Jwt jwt)) {
            throw new IllegalArgumentException("The admin console signs in with OpenID Connect, so the admin API of stage '"
                    + props.stageName() + "' must use AdminAuth.jwt (jwtIssuer/jwtAudience); an IAM-only admin API "
                    + "cannot be called from a browser without AWS credentials (docs/console.md)");
        }
        if (!jwt.audience().contains(settings.clientId())) {
            throw new IllegalArgumentException("consoleClientId '" + settings.clientId() + "' of stage '"
                    + props.stageName() + "' must be one of the JWT audience " + jwt.audience()
                    + ", or the admin API would refuse the console's tokens");
        }
        if (!Files.isRegularFile(settings.assets().resolve("index.html"))) {
            throw new IllegalArgumentException("No console build at " + settings.assets().toAbsolutePath()
                    + "; build it first: ./mvnw -pl console package");
        }

        this.bucket = Bucket.Builder.create(this, "Files")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .removalPolicy(props.removalPolicy())
                .build();
        Nag.suppress(bucket, "AwsSolutions-S1", "Holds only the console's public build output (no data, no secrets); "
                + "it changes only through cdk deploy, which CloudTrail records.");

        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Vexil " + props.stageName() + " console: strict CSP, HSTS")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(contentSecurityPolicy(
                                        connectOrigins(jwt.issuer(), settings.extraConnectOrigins())))
                                .override(true).build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(HSTS_MAX_AGE).includeSubdomains(true).override(true).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.DENY).override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.NO_REFERRER).override(true).build())
                        .build())
                .build();
        this.distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Vexil " + props.stageName() + " admin console")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(headers)
                        .compress(true)
                        .build())
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .build();
        Nag.suppress(distribution, "AwsSolutions-CFR1", "The console is used by the team wherever it works; "
                + "access is controlled by sign-in, not geography.");
        Nag.suppress(distribution, "AwsSolutions-CFR2", "The distribution serves static public files only; every "
                + "API call is authorized by the admin API's JWT authorizer and its stage throttle.");
        Nag.suppress(distribution, "AwsSolutions-CFR3", "Static public files only; sign-ins are logged by the identity "
                + "provider and every admin call by the admin API's access log.");
        Nag.suppress(distribution, "AwsSolutions-CFR4", "The default *.cloudfront.net certificate's TLS policy cannot "
                + "be set; viewers are redirected to HTTPS and HSTS keeps them there.");

        String origin = "https://" + distribution.getDistributionDomainName();
        allowConsoleOrigin(adminApi, origin);
        deploy(props, settings, adminApi, jwt);

        CfnOutput url = CfnOutput.Builder.create(this, "Url").value(origin + "/")
                .description("The admin console (sign in with the OpenID Connect issuer of the admin API)").build();
        url.overrideLogicalId("VexilConsoleUrl");
    }

    /** The bundle's hashed files are immutable; index.html and config.json are revalidated on every load. */
    private void deploy(VexilServiceProps props, Settings settings, AdminApi adminApi, AdminAuth.Jwt jwt) {
        BucketDeployment.Builder.create(this, "Bundle")
                .sources(List.of(Source.asset(settings.assets().toAbsolutePath().toString())))
                .exclude(List.of("index.html"))
                .destinationBucket(bucket)
                .cacheControl(List.of(CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)),
                        CacheControl.immutable()))
                .prune(false)
                .build();
        Map<String, Object> oidc = new LinkedHashMap<>();
        oidc.put("issuer", jwt.issuer());
        oidc.put("clientId", settings.clientId());
        oidc.put("scope", settings.scope());
        BucketDeployment.Builder.create(this, "Entry")
                .sources(List.of(Source.asset(settings.assets().toAbsolutePath().toString()),
                        Source.jsonData("config.json", Map.of("apiBase", adminApi.api().getApiEndpoint(), "oidc", oidc))))
                .exclude(List.of("*"))
                .include(List.of("index.html", "config.json"))
                .destinationBucket(bucket)
                .cacheControl(List.of(CacheControl.noCache()))
                .distribution(distribution)
                .distributionPaths(List.of("/index.html", "/config.json", "/"))
                .prune(false)
                .build();
        suppressDeploymentHandlerFindings(Stack.of(this));
    }

    /** CDK's one deployment handler per stack (a singleton at stack scope) runs the AWS CLI to copy the files. */
    private static void suppressDeploymentHandlerFindings(Stack stack) {
        for (IConstruct child : stack.getNode().getChildren()) {
            if (child.getNode().getId().startsWith("Custom::CDKBucketDeployment")) {
                Nag.suppress(child, "AwsSolutions-IAM4", "CDK's deployment handler uses the AWS managed basic execution "
                        + "role for its logs.");
                Nag.suppress(child, "AwsSolutions-IAM5", "CDK's deployment handler reads the asset objects and writes "
                        + "the console bucket's objects, which are only known by prefix.");
                Nag.suppress(child, "AwsSolutions-L1", "The runtime of CDK's deployment handler is chosen by the CDK "
                        + "release; upgrading aws-cdk-lib moves it.");
            }
        }
    }

    /** Preflight and responses of the HTTP API for the console's origin only, with the headers the API uses. */
    private static void allowConsoleOrigin(AdminApi adminApi, String origin) {
        CfnApi api = (CfnApi) adminApi.api().getNode().getDefaultChild();
        api.setCorsConfiguration(CfnApi.CorsProperty.builder()
                .allowOrigins(List.of(origin))
                .allowMethods(List.of("GET", "POST", "PUT", "DELETE"))
                .allowHeaders(CORS_ALLOW_HEADERS)
                .exposeHeaders(CORS_EXPOSE_HEADERS)
                .allowCredentials(false)
                .maxAge(600)
                .build());
    }

    static List<String> connectOrigins(String issuer, List<String> extra) {
        URI uri = URI.create(issuer);
        List<String> origins = new ArrayList<>();
        origins.add(uri.getScheme() + "://" + uri.getAuthority());
        origins.addAll(extra);
        return origins;
    }

    /**
     * Scripts and styles from the console's own files only; no inline code, no framing, no plug-ins. API calls may
     * reach the HTTP APIs of the stack's region: naming this API's own host would make a dependency cycle (its CORS
     * names this distribution), so the host is the region's execute-api wildcard.
     */
    static String contentSecurityPolicy(List<String> connectOrigins) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' https://*.execute-api." + Aws.REGION + ".amazonaws.com "
                + String.join(" ", connectOrigins) + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    public Bucket bucket() {
        return bucket;
    }

    public Distribution distribution() {
        return distribution;
    }
}
