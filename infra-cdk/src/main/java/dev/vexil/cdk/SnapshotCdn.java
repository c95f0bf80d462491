package dev.vexil.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
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

    private final KeyValueStore sdkKeys;
    private final Distribution distribution;

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
        List<FunctionAssociation> gated = List.of(FunctionAssociation.builder()
                .eventType(FunctionEventType.VIEWER_REQUEST).function(gate).build());

        IOrigin origin = S3BucketOrigin.withOriginAccessControl(data.snapshotBucket(),
                S3BucketOriginWithOACProps.builder()
                        // LIST lets S3 answer 404 (not 403) for an absent object such as a missing kill list. No
                        // listing can be requested through the CDN: the function refuses every other path.
                        .originAccessLevels(List.of(AccessLevel.READ, AccessLevel.LIST))
                        .build());

        var distributionBuilder = Distribution.Builder.create(this, "Distribution")
                .comment("Vexil " + props.stageName() + " snapshots")
                .defaultBehavior(behavior(origin, cachePolicy("ShortTtl", SHORT_TTL,
                        "Vexil current snapshot and kill list: 5 s"), gated))
                .additionalBehaviors(Map.of(VERSIONS_PATH, behavior(origin, cachePolicy("Immutable", LONG_TTL,
                        "Vexil immutable snapshot versions: 1 year"), gated)))
                // A missing kill list is a 404 that must not outlive the short TTL once an operator writes one.
                .errorResponses(List.of(ErrorResponse.builder().httpStatus(404).ttl(SHORT_TTL).build()))
                // With LIST access a request for "/" would list the bucket; the gate refuses "/" already, and a
                // root object that does not exist is a second guard.
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .enableIpv6(true)
                // Polling is latency-insensitive; the North America + Europe edges are the cheapest set.
                .priceClass(PriceClass.PRICE_CLASS_100);
        props.cdnDomain().ifPresent(domain -> distributionBuilder
                .domainNames(List.of(domain.domainName()))
                .certificate(Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn()))
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021));
        this.distribution = distributionBuilder.build();

        Nag.suppress(distribution, "AwsSolutions-CFR3",
                "Every SDK polls every 30 s (~29M requests/day at 10k SDKs); CloudWatch metrics and the bucket's "
                        + "access logs for cache misses are kept instead of per-poll CDN logs.");
        Nag.suppress(distribution, "AwsSolutions-CFR1",
                "Feature-flag snapshots are served to applications wherever they run; no geo restriction applies.");
        Nag.suppress(distribution, "AwsSolutions-CFR2",
                "Every request is gated at the edge by an SDK key before it reaches the cache or the origin.");
        if (props.cdnDomain().isEmpty()) {
            Nag.suppress(distribution, "AwsSolutions-CFR4",
                    "Without a custom domain CloudFront uses its default *.cloudfront.net certificate, whose TLS "
                            + "policy cannot be set; configure cdnDomain to enforce TLSv1.2_2021.");
        }
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
}
