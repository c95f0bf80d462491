package dev.vexil.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AccessLevel;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.KeyValueStore;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * The SDK-facing edge: a CloudFront distribution in front of the snapshot bucket (Origin Access Control), with a
 * CloudFront Function on viewer-request that maps {@code Authorization: <sdkKey>} to an environment through a
 * KeyValueStore and rewrites the URI onto that environment's objects (docs/snapshot-delivery.md).
 *
 * <p>The cache key is the rewritten URI only: no headers, cookies or query strings. The viewer's Authorization
 * header is therefore never part of the key and never forwarded to S3 (CloudFront forwards it only when a cache
 * policy includes it), and OAC signs every origin request with signing behaviour "always".
 */
public final class SnapshotCdn extends Construct {
    /** The current snapshot and the kill list: the CDN TTL of docs/snapshot-delivery.md. */
    public static final Duration SHORT_TTL = Duration.seconds(5);
    /** Immutable versions (Cache-Control: immutable, max-age=31536000). */
    public static final Duration LONG_TTL = Duration.days(365);
    public static final String VERSIONS_PATH = "/sdk/v1/snapshots/*";
    /** Immutable deltas, cached like versions (docs/push.md). */
    public static final String DELTAS_PATH = "/sdk/v1/deltas/*";

    private final KeyValueStore sdkKeys;
    private final Distribution distribution;
    private final List<FunctionAssociation> gated;

    public SnapshotCdn(Construct scope, String id, VexilServiceProps props, DataStore data) {
        super(scope, id);
        this.sdkKeys = KeyValueStore.Builder.create(this, "SdkKeys")
                .comment("Vexil " + props.stageName() + ": hex(SHA-256(sdk key)) -> <project>/<env>")
                .build();
        Function gate = Function.Builder.create(this, "SdkGate")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(readSource(props.edgeFunction())))
                .keyValueStore(sdkKeys)
                .comment("Vexil " + props.stageName() + ": SDK key -> environment snapshot path")
                .autoPublish(true)
                .build();
        this.gated = List.of(FunctionAssociation.builder()
                .eventType(FunctionEventType.VIEWER_REQUEST).function(gate).build());

        IOrigin origin = S3BucketOrigin.withOriginAccessControl(data.snapshotBucket(),
                S3BucketOriginWithOACProps.builder()
                        // LIST lets S3 answer 404 (not 403) for an absent object such as a missing kill list. No
                        // listing can be requested through the CDN: the function refuses every other path.
                        .originAccessLevels(List.of(AccessLevel.READ, AccessLevel.LIST))
                        .build());

        CachePolicy immutable = cachePolicy("Immutable", LONG_TTL, "Vexil immutable snapshot versions and deltas: 1 year");
        var distributionBuilder = Distribution.Builder.create(this, "Distribution")
                .comment("Vexil " + props.stageName() + " snapshots")
                .defaultBehavior(behavior(origin, cachePolicy("ShortTtl", SHORT_TTL,
                        "Vexil current snapshot and kill list: 5 s"), gated))
                .additionalBehaviors(immutableBehaviors(behavior(origin, immutable, gated)))
                // A missing kill list is a 404 that must not outlive the short TTL once an operator writes one.
                .errorResponses(List.of(ErrorResponse.builder().httpStatus(404).ttl(SHORT_TTL).build()))
                // With LIST access a request for "/" would list the bucket; the gate refuses "/" already, and a
                // root object that does not exist is a second guard.
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .enableIpv6(true)
                // Polling is latency-insensitive; the North America + Europe edges are the cheapest set.
                .priceClass(PriceClass.PRICE_CLASS_100);
        props.cdnRateLimit().ifPresent(limit -> distributionBuilder.webAclId(rateLimitingWebAcl(props, limit)));
        if (props.cdnLogging()) {
            distributionBuilder.enableLogging(true).logBucket(logBucket(props)).logFilePrefix("cdn/");
        }
        props.cdnDomain().ifPresent(domain -> distributionBuilder
                .domainNames(List.of(domain.domainName()))
                .certificate(Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn()))
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021));
        this.distribution = distributionBuilder.build();

        if (!props.cdnLogging()) {
            Nag.suppress(distribution, "AwsSolutions-CFR3",
                    "Standard logging is the cdnLogging prop, off by default: every SDK polls every 30 s (~29M "
                            + "requests/day at 10k SDKs). Without it, CloudWatch metrics and the bucket's access logs "
                            + "for cache misses remain; turn it on to trace who still uses a leaked or revoked key.");
        }
        Nag.suppress(distribution, "AwsSolutions-CFR1",
                "Feature-flag snapshots are served to applications wherever they run; no geo restriction applies.");
        if (props.cdnRateLimit().isEmpty()) {
            Nag.suppress(distribution, "AwsSolutions-CFR2",
                    "WAF is the cdnRateLimit prop, off by default. The SDK-key gate answers every request without an "
                            + "active key (401/403) before cache or origin, so unknown and revoked keys read nothing; "
                            + "it does not limit rates: a holder of a valid key (or a flood of bad ones) is served or "
                            + "refused at CloudFront's per-request price until the key is revoked or WAF is enabled.");
        }
        if (props.cdnDomain().isEmpty()) {
            Nag.suppress(distribution, "AwsSolutions-CFR4",
                    "Without a custom domain CloudFront uses its default *.cloudfront.net certificate, whose TLS "
                            + "policy cannot be set; configure cdnDomain to enforce TLSv1.2_2021.");
        }
    }

    /**
     * A CloudFront-scope web ACL with one rate-based rule: a client IP above {@code limit} requests in 5 minutes is
     * blocked until it falls below. CloudFront-scope WAF resources exist only in us-east-1, so a stack with this
     * prop must be deployed there; a template rule makes a deployment elsewhere fail before it creates anything,
     * with that message, instead of failing halfway (docs/deploy.md describes the alternatives).
     */
    private String rateLimitingWebAcl(VexilServiceProps props, int limit) {
        CfnRule.Builder.create(this, "WafNeedsUsEast1")
                .assertions(List.of(CfnRuleAssertion.builder()
                        .assertValue(Fn.conditionEquals(Aws.REGION, "us-east-1"))
                        .assertDescription("cdnRateLimit creates a CloudFront-scope WAF web ACL, which exists only in"
                                + " us-east-1: deploy this stage in us-east-1, or leave cdnRateLimit unset")
                        .build()))
                .build();
        String metric = "vexil-" + props.stageName() + "-cdn";
        CfnWebACL acl = CfnWebACL.Builder.create(this, "RateLimit")
                .scope("CLOUDFRONT")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .description("Vexil " + props.stageName() + ": per-IP rate limit of SDK requests")
                .visibilityConfig(visibility(metric))
                .rules(List.of(CfnWebACL.RuleProperty.builder()
                        .name("per-ip-rate-limit")
                        .priority(0)
                        .action(CfnWebACL.RuleActionProperty.builder()
                                .block(CfnWebACL.BlockActionProperty.builder().build()).build())
                        .statement(CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                        .limit(limit)
                                        .evaluationWindowSec(300)
                                        .aggregateKeyType("IP")
                                        .build())
                                .build())
                        .visibilityConfig(visibility(metric + "-rate"))
                        .build()))
                .build();
        return acl.getAttrArn();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true).metricName(metric).sampledRequestsEnabled(true).build();
    }

    /**
     * Where standard logs go. CloudFront's standard logging writes with an ACL grant, so this bucket keeps ACLs
     * enabled (object writer ownership) unlike the others; logs expire after 90 days.
     */
    private Bucket logBucket(VexilServiceProps props) {
        Bucket bucket = Bucket.Builder.create(this, "Logs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-cdn-logs")
                        .expiration(Duration.days(90)).build()))
                .removalPolicy(props.removalPolicy())
                .build();
        Nag.suppress(bucket, "AwsSolutions-S1", "This is the CDN's standard log bucket itself; logging it would recurse.");
        return bucket;
    }

    private static BehaviorOptions behavior(IOrigin origin, CachePolicy cachePolicy, List<FunctionAssociation> gated) {
        return BehaviorOptions.builder()
                .origin(origin)
                // HTTPS only (no redirect): a redirect would mean the SDK key had already crossed in clear text.
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                .compress(true)
                .cachePolicy(cachePolicy)
                .functionAssociations(gated)
                .build();
    }

    /** A cache policy whose key is the (rewritten) URI alone: never Authorization, cookies or query strings. */
    /** Versions, then deltas: a map with a fixed order, so that the template is the same on every synth. */
    private static Map<String, BehaviorOptions> immutableBehaviors(BehaviorOptions immutable) {
        Map<String, BehaviorOptions> behaviors = new java.util.LinkedHashMap<>();
        behaviors.put(VERSIONS_PATH, immutable);
        behaviors.put(DELTAS_PATH, immutable);
        return behaviors;
    }

    private CachePolicy cachePolicy(String id, Duration ttl, String comment) {
        return CachePolicy.Builder.create(this, id)
                .comment(comment)
                .minTtl(Duration.seconds(0))
                .defaultTtl(ttl)
                .maxTtl(ttl)
                .headerBehavior(CacheHeaderBehavior.none())
                .cookieBehavior(CacheCookieBehavior.none())
                .queryStringBehavior(CacheQueryStringBehavior.none())
                // Objects are stored gzip-encoded already; this keeps CloudFront's compression for anything else.
                .enableAcceptEncodingGzip(true)
                .enableAcceptEncodingBrotli(true)
                .build();
    }

    private static String readSource(Path source) {
        Path absolute = source.toAbsolutePath().normalize();
        try {
            return Files.readString(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CloudFront Function source " + absolute, e);
        }
    }

    public KeyValueStore sdkKeys() {
        return sdkKeys;
    }

    public Distribution distribution() {
        return distribution;
    }

    /** The SDK gate on viewer-request, for every behaviour SDKs call (the events route adds one). */
    public List<FunctionAssociation> gated() {
        return gated;
    }
}
