package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.asList;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The table and the buckets, on the dev and prod stages of cdk.json. */
class DataTemplateTest {

    @Test
    void tableHasTheFixedKeysIndexesAndOnDemandBilling() {
        Template dev = SynthesizedApp.template("dev");
        // The Vexil table, the insights table (InsightsIngestionTemplateTest) and the release table
        // (ReleaseAutomationTemplateTest).
        dev.resourceCountIs("AWS::DynamoDB::GlobalTable", 3);
        dev.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "GlobalSecondaryIndexes", List.of(
                        Map.of("IndexName", "sdkKeyHash", "Projection", Map.of("ProjectionType", "ALL"),
                                "KeySchema", List.of(Map.of("AttributeName", "gsi2pk", "KeyType", "HASH"))),
                        Map.of("IndexName", "audit", "Projection", Map.of("ProjectionType", "ALL"),
                                "KeySchema", List.of(Map.of("AttributeName", "auditPk", "KeyType", "HASH"),
                                        Map.of("AttributeName", "auditSk", "KeyType", "RANGE")))),
                "AttributeDefinitions", List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi2pk", "AttributeType", "S"),
                        Map.of("AttributeName", "auditPk", "AttributeType", "S"),
                        Map.of("AttributeName", "auditSk", "AttributeType", "S"))));
    }

    @Test
    void tableStreamCarriesNewAndOldImagesForBothConsumers() {
        for (String stage : SynthesizedApp.stageNames()) {
            SynthesizedApp.template(stage).hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of(
                    "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
        }
    }

    @Test
    void productionRetainsAndProtectsDataWhileDevCanBeTornDown() {
        SynthesizedApp.template("prod").hasResource("AWS::DynamoDB::GlobalTable", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("Replicas", List.of(Match.objectLike(Map.of(
                        "DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))))))));
        SynthesizedApp.template("dev").hasResource("AWS::DynamoDB::GlobalTable", Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("Replicas", List.of(Match.objectLike(Map.of(
                        "DeletionProtectionEnabled", false,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))))))));
        for (String type : List.of("AWS::S3::Bucket", "AWS::Logs::LogGroup")) {
            SynthesizedApp.template("prod").allResources(type, Map.of("DeletionPolicy", "Retain"));
        }
    }

    @Test
    void everyBucketBlocksPublicAccessAndIsEncrypted() {
        for (String stage : SynthesizedApp.stageNames()) {
            Template template = SynthesizedApp.template(stage);
            template.resourceCountIs("AWS::S3::Bucket", 2);
            template.allResourcesProperties("AWS::S3::Bucket", Map.of(
                    "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                            "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                    "BucketEncryption", Match.objectLike(Map.of())));
        }
    }

    @Test
    void snapshotBucketIsVersionedLoggedAndExpiresOldVersions() {
        Template dev = SynthesizedApp.template("dev");
        dev.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "snapshots-bucket/")),
                "LifecycleConfiguration", Map.of("Rules", List.of(
                        Match.objectLike(Map.of("Id", "expire-superseded-versions", "Status", "Enabled",
                                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30))),
                        Match.objectLike(Map.of("Id", "expire-old-snapshot-versions", "Status", "Enabled",
                                "ExpirationInDays", 90,
                                "TagFilters", List.of(Map.of("Key", "vexil-object", "Value", "snapshot-version")))),
                        Match.objectLike(Map.of("Id", "expire-old-deltas", "Status", "Enabled",
                                "ExpirationInDays", 7,
                                "TagFilters", List.of(Map.of("Key", "vexil-object", "Value", "snapshot-delta"))))))));
    }

    @Test
    void noBucketPolicyGrantsAnythingToEveryoneAndEveryBucketRequiresTls() {
        for (String stage : SynthesizedApp.stageNames()) {
            var policies = new TemplateQueries(SynthesizedApp.templateJson(stage)).ofType("AWS::S3::BucketPolicy");
            assertThat(policies).hasSize(2);
            for (var policy : policies.values()) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> statements = (List<Map<String, Object>>)
                        ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement");
                assertThat(statements).filteredOn(s -> "Allow".equals(s.get("Effect"))).allSatisfy(allow -> {
                    assertThat(allow.get("Principal")).isInstanceOf(Map.class);
                    assertThat(((Map<?, ?>) allow.get("Principal")).keySet()).isEqualTo(java.util.Set.of("Service"));
                    assertThat(allow).containsKey("Condition");
                    assertThat(asList(allow.get("Action"))).noneMatch(a -> a.toString().contains("*"));
                });
                assertThat(statements).anySatisfy(deny -> assertThat(deny)
                        .containsEntry("Effect", "Deny")
                        .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
            }
        }
    }
}
