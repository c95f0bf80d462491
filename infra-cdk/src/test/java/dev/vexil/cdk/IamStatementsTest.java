package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every permission statement of the dev stack (role policies, bucket, queue and topic policies), each spelled out:
 * a statement added, widened or dropped fails this test until it is reviewed here. Logical ids are shown without
 * CDK's hash suffix.
 */
class IamStatementsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HASH_SUFFIX = Pattern.compile("(Vexil[A-Za-z0-9]*?)[0-9A-F]{8}\"");
    private static final List<String> POLICY_TYPES = List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
            "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy");

    private static final String TABLE = "{\"Fn::GetAtt\":[\"VexilDataTable\",\"Arn\"]}";
    private static final String RELEASE_TABLE = "{\"Fn::GetAtt\":[\"VexilReleaseTable\",\"Arn\"]}";
    private static final String STREAM = "{\"Fn::GetAtt\":[\"VexilDataTable\",\"StreamArn\"]}";
    private static final String SNAPSHOTS = "{\"Fn::GetAtt\":[\"VexilDataSnapshots\",\"Arn\"]}";
    private static final String INSIGHTS = "{\"Fn::GetAtt\":[\"VexilInsightsTable\",\"Arn\"]}";

    private static String objects(String bucketLogicalId, String suffix) {
        return "{\"Fn::Join\":[\"\",[{\"Fn::GetAtt\":[\"" + bucketLogicalId + "\",\"Arn\"]},\"" + suffix + "\"]]}";
    }

    private static String logWrite(String function) {
        return "VexilCompute" + function + "Role | Allow | [logs:CreateLogStream, logs:PutLogEvents] | "
                + "{\"Fn::GetAtt\":[\"VexilCompute" + function + "Logs\",\"Arn\"]} | -";
    }

    private static List<String> streamRead(String function) {
        String role = "VexilCompute" + function + "Role";
        return List.of(
                role + " | Allow | [sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:SendMessage] | "
                        + "{\"Fn::GetAtt\":[\"VexilCompute" + function + "Dlq\",\"Arn\"]} | -",
                role + " | Allow | [dynamodb:ListStreams] | " + STREAM + " | -",
                role + " | Allow | [dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator] | "
                        + STREAM + " | -");
    }

    private static String denyInsecure(String owner, String action, String resources) {
        return owner + " | Deny | [" + action + "] | " + resources + " | {\"Bool\":{\"aws:SecureTransport\":\"false\"}}";
    }

    private static final String KEY_STORE = "{\"Fn::GetAtt\":[\"VexilCdnSdkKeys\",\"Arn\"]}";
    private static final String KEY_STORE_REPAIR = "[cloudfront-keyvaluestore:DescribeKeyValueStore, "
            + "cloudfront-keyvaluestore:GetKey, cloudfront-keyvaluestore:UpdateKeys]";

    static List<String> expected() {
        List<String> expected = new ArrayList<>();
        // Admin API: reads, one PutItem per change, and UpdateItem only for the attributes of a key revocation.
        expected.add(logWrite("AdminApi"));
        expected.add("VexilComputeAdminApiRole | Allow | [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query] | "
                + TABLE + " | -");
        expected.add("VexilComputeAdminApiRole | Allow | [dynamodb:UpdateItem] | " + TABLE + " | "
                + "{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"pk\",\"sk\",\"gsi2pk\",\"version\","
                + "\"revokedAt\",\"revokedBy\"]}}");
        // ... and UpdateItem of its write counters (RATE# partitions, window and count only).
        expected.add("VexilComputeAdminApiRole | Allow | [dynamodb:UpdateItem] | " + TABLE + " | "
                + "{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"pk\",\"sk\",\"windowStart\",\"writes\"]},"
                + "\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"RATE#*\"]}}");
        // ... the audit index (audit logs), and the one KeyValueStore (POST .../sdk-keys/{id}/resync).
        expected.add("VexilComputeAdminApiRole | Allow | [dynamodb:Query] | {\"Fn::Join\":[\"\",[" + TABLE
                + ",\"/index/audit\"]]} | -");
        expected.add("VexilComputeAdminApiRole | Allow | " + KEY_STORE_REPAIR + " | " + KEY_STORE + " | -");
        // ... and Query (nothing else) on the insights table, for the insights and stale-flag routes.
        expected.add("VexilComputeAdminApiRole | Allow | [dynamodb:Query] | " + INSIGHTS + " | -");
        // Insights ingest: UpdateItem of count attributes only on the insights table; the current snapshots only.
        expected.add("VexilInsightsIngestRole | Allow | [logs:CreateLogStream, logs:PutLogEvents] | "
                + "{\"Fn::GetAtt\":[\"VexilInsightsIngestLogs\",\"Arn\"]} | -");
        expected.add("VexilInsightsIngestRole | Allow | [dynamodb:UpdateItem] | " + INSIGHTS + " | "
                + "{\"ForAllValues:StringLike\":{\"dynamodb:Attributes\":[\"pk\",\"sk\",\"flag\",\"minute\","
                + "\"expiresAt\",\"c#*\"]}}");
        expected.add("VexilInsightsIngestRole | Allow | [s3:GetObject] | "
                + objects("VexilDataSnapshots", "/snapshots/*/*/current.json") + " | -");
        expected.add("VexilInsightsIngestRole | Allow | [s3:ListBucket] | " + SNAPSHOTS + " | "
                + "{\"StringLikeIfExists\":{\"s3:prefix\":[\"snapshots/*\"]}}");
        // Key reconciliation (scheduled): reads the table, repairs the KeyValueStore.
        expected.add("VexilKeyReconciliationFunctionRole | Allow | [dynamodb:GetItem, dynamodb:Query] | " + TABLE
                + " | -");
        expected.add("VexilKeyReconciliationFunctionRole | Allow | " + KEY_STORE_REPAIR + " | " + KEY_STORE + " | -");
        expected.add("VexilKeyReconciliationFunctionRole | Allow | [logs:CreateLogStream, logs:PutLogEvents] | "
                + "{\"Fn::GetAtt\":[\"VexilKeyReconciliationFunctionLogs\",\"Arn\"]} | -");
        // Release automation (docs/release-automation.md). The admin API: schedules and plans in the release table,
        // and whether a guard alarm exists (only alarms named vexil-guard-*).
        expected.add("VexilComputeAdminApiRole | Allow | [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query] | "
                + RELEASE_TABLE + " | -");
        expected.add("VexilComputeAdminApiRole | Allow | [cloudwatch:DescribeAlarms] | {\"Fn::Join\":[\"\",[\"arn:\","
                + "{\"Ref\":\"AWS::Partition\"},\":cloudwatch:\",{\"Ref\":\"AWS::Region\"},\":\",{\"Ref\":"
                + "\"AWS::AccountId\"},\":alarm:vexil-guard-*\"]]} | -");
        // The scheduler and the guard: flag changes (one PutItem each) and release items; the scheduler alone reads
        // the due index; the guard alone publishes, to the alarm topic.
        for (String function : List.of("Scheduler", "Guard")) {
            String role = "VexilRelease" + function + "Role";
            expected.add(role + " | Allow | [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query] | " + TABLE + " | -");
            expected.add(role + " | Allow | [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query] | " + RELEASE_TABLE
                    + " | -");
            expected.add(role + " | Allow | [logs:CreateLogStream, logs:PutLogEvents] | {\"Fn::GetAtt\":[\"VexilRelease"
                    + function + "Logs\",\"Arn\"]} | -");
        }
        expected.add("VexilReleaseSchedulerRole | Allow | [dynamodb:Query] | {\"Fn::Join\":[\"\",[" + RELEASE_TABLE
                + ",\"/index/due\"]]} | -");
        expected.add("VexilReleaseGuardRole | Allow | [sns:Publish] | {\"Ref\":\"VexilMonitoringAlarms\"} | -");
        // The operators' managed policy: kill lists only.
        expected.add("VexilKillSwitchPolicy | Allow | [s3:DeleteObject, s3:GetObject, s3:PutObject] | "
                + objects("VexilDataSnapshots", "/snapshots/*/*/killswitch.json") + " | -");
        // Compiler: signs with the stage's KMS key alone.
        expected.add("VexilComputeCompilerRole | Allow | [kms:GetPublicKey, kms:Sign] | "
                + "{\"Fn::GetAtt\":[\"VexilSigningKey\",\"Arn\"]} | -");
        // Compiler: reads the table and its stream; writes current.json, v/ and d/ only, never a kill list.
        expected.add(logWrite("Compiler"));
        expected.add("VexilComputeCompilerRole | Allow | [dynamodb:GetItem, dynamodb:Query] | " + TABLE + " | -");
        expected.add("VexilComputeCompilerRole | Allow | [s3:GetObject] | "
                + objects("VexilDataSnapshots", "/snapshots/*") + " | -");
        expected.add("VexilComputeCompilerRole | Allow | [s3:PutObject] | ["
                + objects("VexilDataSnapshots", "/snapshots/*/*/current.json") + ","
                + objects("VexilDataSnapshots", "/snapshots/*/*/v/*") + ","
                + objects("VexilDataSnapshots", "/snapshots/*/*/d/*") + "] | -");
        expected.add("VexilComputeCompilerRole | Allow | [s3:PutObjectTagging] | ["
                + objects("VexilDataSnapshots", "/snapshots/*/*/v/*") + ","
                + objects("VexilDataSnapshots", "/snapshots/*/*/d/*") + "] | -");
        // ... and publishes push notifications on the vexil namespace of the push API, nothing else of AppSync.
        expected.add("VexilComputeCompilerRole | Allow | [appsync:EventPublish] | {\"Fn::Join\":[\"\",[\"arn:\","
                + "{\"Ref\":\"AWS::Partition\"},\":appsync:\",{\"Ref\":\"AWS::Region\"},\":\",{\"Ref\":\"AWS::AccountId\"},"
                + "\":apis/\",{\"Fn::GetAtt\":[\"VexilPushApi\",\"ApiId\"]},\"/channelNamespace/vexil\"]]} | -");
        // Push authorizer: finds an SDK key by its hash (the index) and re-reads it (the table); nothing else.
        expected.add("VexilPushAuthorizerRole | Allow | [dynamodb:GetItem] | " + TABLE + " | -");
        expected.add("VexilPushAuthorizerRole | Allow | [dynamodb:Query] | {\"Fn::Join\":[\"\",[" + TABLE
                + ",\"/index/sdkKeyHash\"]]} | -");
        expected.add("VexilPushAuthorizerRole | Allow | [logs:CreateLogStream, logs:PutLogEvents] | "
                + "{\"Fn::GetAtt\":[\"VexilPushAuthorizerLogs\",\"Arn\"]} | -");
        expected.add("VexilComputeCompilerRole | Deny | [s3:DeleteObject, s3:PutObject] | "
                + objects("VexilDataSnapshots", "/snapshots/*/*/killswitch.json") + " | -");
        expected.add("VexilComputeCompilerRole | Allow | [s3:ListBucket] | " + SNAPSHOTS + " | "
                + "{\"StringLikeIfExists\":{\"s3:prefix\":[\"snapshots/*\"]}}");
        expected.addAll(streamRead("Compiler"));
        // Key sync: the KeyValueStore only, and its stream.
        expected.add(logWrite("SdkKeySync"));
        expected.add("VexilComputeSdkKeySyncRole | Allow | [cloudfront-keyvaluestore:DeleteKey, "
                + "cloudfront-keyvaluestore:DescribeKeyValueStore, cloudfront-keyvaluestore:GetKey, "
                + "cloudfront-keyvaluestore:PutKey, cloudfront-keyvaluestore:UpdateKeys] | "
                + "{\"Fn::GetAtt\":[\"VexilCdnSdkKeys\",\"Arn\"]} | -");
        expected.addAll(streamRead("SdkKeySync"));
        // Resource policies: TLS only everywhere; S3 log delivery; CloudFront (OAC) reads the snapshots.
        expected.add(denyInsecure("VexilDataAccessLogsPolicy", "s3:*", "[{\"Fn::GetAtt\":[\"VexilDataAccessLogs\","
                + "\"Arn\"]}," + objects("VexilDataAccessLogs", "/*") + "]"));
        expected.add("VexilDataAccessLogsPolicy | Allow | [s3:PutObject] | "
                + objects("VexilDataAccessLogs", "/snapshots-bucket/*") + " | {\"ArnLike\":{\"aws:SourceArn\":"
                + SNAPSHOTS + "},\"StringEquals\":{\"aws:SourceAccount\":{\"Ref\":\"AWS::AccountId\"}}}");
        expected.add(denyInsecure("VexilDataSnapshotsPolicy", "s3:*", "[" + SNAPSHOTS + ","
                + objects("VexilDataSnapshots", "/*") + "]"));
        expected.add("VexilDataSnapshotsPolicy | Allow | [s3:GetObject, s3:ListBucket] | ["
                + objects("VexilDataSnapshots", "/*") + "," + SNAPSHOTS + "] | {\"StringEquals\":{\"AWS:SourceArn\":"
                + "{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":cloudfront::\",{\"Ref\":"
                + "\"AWS::AccountId\"},\":distribution/\",{\"Ref\":\"VexilCdnDistribution\"}]]}}}");
        expected.add(denyInsecure("VexilComputeCompilerDlqPolicy", "sqs:*",
                "{\"Fn::GetAtt\":[\"VexilComputeCompilerDlq\",\"Arn\"]}"));
        expected.add(denyInsecure("VexilComputeSdkKeySyncDlqPolicy", "sqs:*",
                "{\"Fn::GetAtt\":[\"VexilComputeSdkKeySyncDlq\",\"Arn\"]}"));
        expected.add(denyInsecure("VexilMonitoringAlarmsPolicy", "sns:Publish", "{\"Ref\":\"VexilMonitoringAlarms\"}"));
        return expected;
    }

    @Test
    void everyStatementOfTheStackIsOneReviewedHere() {
        assertThat(new TreeSet<>(statements(SynthesizedApp.templateJson("dev"))))
                .isEqualTo(new TreeSet<>(expected()));
    }

    @Test
    void theProductionStageHasTheSameStatements() {
        assertThat(new TreeSet<>(statements(SynthesizedApp.templateJson("prod"))))
                .isEqualTo(new TreeSet<>(statements(SynthesizedApp.templateJson("dev"))));
    }

    /** One line per statement: owner | effect | sorted actions | resources | condition. */
    @SuppressWarnings("unchecked")
    static List<String> statements(Map<String, Object> template) {
        List<String> lines = new ArrayList<>();
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
        resources.forEach((logicalId, resource) -> {
            if (!POLICY_TYPES.contains(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            String owner = resource.get("Type").equals("AWS::IAM::Policy")
                    ? ((Map<String, String>) ((List<Object>) properties.get("Roles")).get(0)).get("Ref") : logicalId;
            Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                lines.add(unhashed(owner + "\"") .replace("\"", "") + " | " + statement.get("Effect") + " | "
                        + new TreeSet<>(TemplateQueries.asList(statement.get("Action")).stream()
                                .map(Object::toString).toList())
                        + " | " + unhashed(json(statement.get("Resource")))
                        + " | " + (statement.containsKey("Condition") ? unhashed(json(statement.get("Condition"))) : "-"));
            }
        });
        return lines;
    }

    private static String unhashed(String text) {
        return HASH_SUFFIX.matcher(text).replaceAll("$1\"");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
