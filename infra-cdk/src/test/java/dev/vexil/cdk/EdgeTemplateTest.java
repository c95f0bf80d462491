package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.getAtt;
import static dev.vexil.cdk.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** CloudFront, the SDK gate function and its KeyValueStore, as deployed by the dev stage of cdk.json. */
class EdgeTemplateTest {
    private static Template template;
    private static TemplateQueries queries;
    private static String gate;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        gate = queries.onlyLogicalId("AWS::CloudFront::Function");
    }

    @Test
    void bucketIsReachedThroughOriginAccessControlSigningEveryRequest() {
        String oac = s3OriginAccessControl();
        template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of(
                "OriginAccessControlConfig", Map.of("OriginAccessControlOriginType", "s3",
                        "SigningBehavior", "always", "SigningProtocol", "sigv4", "Name", Match.anyValue())));
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("Origins", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "OriginAccessControlId", getAtt(oac, "Id"),
                        "S3OriginConfig", Map.of("OriginAccessIdentity", "")))))))));
        template.resourceCountIs("AWS::CloudFront::CloudFrontOriginAccessIdentity", 0);
    }

    /** The bucket's OAC (the insights ingest has its own, of origin type lambda). */
    @SuppressWarnings("unchecked")
    private static String s3OriginAccessControl() {
        List<String> s3 = queries.ofType("AWS::CloudFront::OriginAccessControl").entrySet().stream()
                .filter(e -> "s3".equals(((Map<String, Object>) e.getValue().get("OriginAccessControlConfig"))
                        .get("OriginAccessControlOriginType")))
                .map(Map.Entry::getKey).toList();
        assertThat(s3).hasSize(1);
        return s3.get(0);
    }

    @Test
    void bothBehavioursAreHttpsOnlyCompressedAndGatedOnViewerRequest() {
        Map<String, Object> gated = Map.of(
                "ViewerProtocolPolicy", "https-only",
                "Compress", true,
                "AllowedMethods", List.of("GET", "HEAD"),
                "FunctionAssociations", List.of(Map.of("EventType", "viewer-request",
                        "FunctionARN", getAtt(gate, "FunctionARN"))));
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of(
                        "DefaultCacheBehavior", Match.objectLike(gated),
                        "CacheBehaviors", Match.arrayWith(List.of(
                                Match.objectLike(Map.of("PathPattern", SnapshotCdn.VERSIONS_PATH)),
                                Match.objectLike(Map.of("PathPattern", SnapshotCdn.DELTAS_PATH))))
                ))));
        assertThat(behaviour(SnapshotCdn.VERSIONS_PATH)).containsAllEntriesOf(gated);
        assertThat(behaviour(SnapshotCdn.DELTAS_PATH)).containsAllEntriesOf(gated);
    }

    @Test
    void gateRunsTheEdgeSourceOnJs2WithTheKeyValueStoreAttached() throws IOException {
        String keyStore = queries.onlyLogicalId("AWS::CloudFront::KeyValueStore");
        template.hasResourceProperties("AWS::CloudFront::Function", Map.of(
                "AutoPublish", true,
                "FunctionCode", Files.readString(Path.of("edge", "sdk-gate.js")),
                "FunctionConfig", Match.objectLike(Map.of(
                        "Runtime", "cloudfront-js-2.0",
                        "KeyValueStoreAssociations", List.of(Map.of("KeyValueStoreARN", getAtt(keyStore, "Arn")))))));
    }

    @Test
    void currentSnapshotAndKillListLiveFiveSecondsAndVersionsAYear() {
        Map<String, Object> distribution = queries.ofType("AWS::CloudFront::Distribution").values().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) distribution.get("DistributionConfig");
        @SuppressWarnings("unchecked")
        Object shortPolicy = ((Map<String, Object>) config.get("DefaultCacheBehavior")).get("CachePolicyId");
        Object longPolicy = behaviour(SnapshotCdn.VERSIONS_PATH).get("CachePolicyId");
        Object deltaPolicy = behaviour(SnapshotCdn.DELTAS_PATH).get("CachePolicyId");
        assertCachePolicy(shortPolicy, 5);
        assertCachePolicy(longPolicy, 31_536_000);
        assertThat(deltaPolicy).isEqualTo(longPolicy); // deltas are immutable like versions
        // A missing kill list (404) is cached no longer than the current snapshot.
        assertThat(config.get("CustomErrorResponses")).isEqualTo(List.of(Map.of("ErrorCode", 404,
                "ErrorCachingMinTTL", 5)));
    }

    /** TTLs, and a cache key of the rewritten URI alone: no Authorization (nor any) header, cookie or query. */
    @SuppressWarnings("unchecked")
    private static void assertCachePolicy(Object policyRef, int ttlSeconds) {
        String id = (String) ((Map<String, Object>) policyRef).get("Ref");
        assertThat(policyRef).isEqualTo(ref(id));
        Map<String, Object> config = (Map<String, Object>)
                queries.ofType("AWS::CloudFront::CachePolicy").get(id).get("CachePolicyConfig");
        assertThat(config).containsEntry("DefaultTTL", ttlSeconds).containsEntry("MaxTTL", ttlSeconds)
                .containsEntry("MinTTL", 0);
        Map<String, Object> key = (Map<String, Object>) config.get("ParametersInCacheKeyAndForwardedToOrigin");
        assertThat(key).containsEntry("HeadersConfig", Map.of("HeaderBehavior", "none"))
                .containsEntry("CookiesConfig", Map.of("CookieBehavior", "none"))
                .containsEntry("QueryStringsConfig", Map.of("QueryStringBehavior", "none"));
    }

    @Test
    void wafAndStandardLoggingAreOffByDefault() {
        template.resourceCountIs("AWS::WAFv2::WebACL", 0);
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("WebACLId", Match.absent(), "Logging", Match.absent()))));
        assertThat(String.valueOf(template.toJSON().get("Rules"))).doesNotContain("WafNeedsUsEast1");
    }

    @Test
    void bucketListingCannotBeReachedThroughTheRoot() {
        // The origin may list (so absent objects are 404, not 403); "/" maps to an object that never exists.
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("DefaultRootObject", "index.html"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nothingForwardsTheViewersAuthorizationHeaderToS3() {
        // The cache policies carry no headers (checked above) and no S3 behaviour adds an origin request policy.
        Map<String, Object> config = distributionConfig();
        assertThat((Map<String, Object>) config.get("DefaultCacheBehavior")).doesNotContainKey("OriginRequestPolicyId");
        assertThat(behaviour(SnapshotCdn.VERSIONS_PATH)).doesNotContainKey("OriginRequestPolicyId");
        assertThat(behaviour(SnapshotCdn.DELTAS_PATH)).doesNotContainKey("OriginRequestPolicyId");
        // The only origin request policy is the events route's, and it never names Authorization.
        template.resourceCountIs("AWS::CloudFront::OriginRequestPolicy", 1);
        assertThat(queries.ofType("AWS::CloudFront::OriginRequestPolicy").toString().toLowerCase())
                .doesNotContain("authorization");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> distributionConfig() {
        Map<String, Object> distribution = queries.ofType("AWS::CloudFront::Distribution").values().iterator().next();
        return (Map<String, Object>) distribution.get("DistributionConfig");
    }

    /** The cache behaviour for {@code pathPattern} (immutable versions, deltas, insights events). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> behaviour(String pathPattern) {
        return ((List<Map<String, Object>>) distributionConfig().get("CacheBehaviors")).stream()
                .filter(b -> pathPattern.equals(b.get("PathPattern"))).findFirst().orElseThrow();
    }
}
