package dev.vexil.cdk;

import static dev.vexil.cdk.TemplateQueries.asList;
import static dev.vexil.cdk.TemplateQueries.getAtt;
import static dev.vexil.cdk.TemplateQueries.join;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The snapshot signing key (only the compiler signs) and the kill-list operators' policy. */
class SnapshotTrustTemplateTest {
    private static Template template;
    private static TemplateQueries queries;
    private static String key;
    private static String compilerRole;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synthesize() {
        template = SynthesizedApp.template("dev");
        queries = new TemplateQueries(SynthesizedApp.templateJson("dev"));
        key = queries.onlyLogicalId("AWS::KMS::Key");
        Map<String, Object> compiler = queries.ofType("AWS::Lambda::Function")
                .get(queries.functionFor(Compute.COMPILER_HANDLER));
        compilerRole = ((List<String>) ((Map<String, Object>) compiler.get("Role")).get("Fn::GetAtt")).get(0);
    }

    @Test
    void theSigningKeyIsAnAsymmetricP256SigningKey() {
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeySpec", "ECC_NIST_P256", "KeyUsage", "SIGN_VERIFY"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKeyPolicyLetsOnlyTheCompilerSign() {
        Map<String, Object> policy = (Map<String, Object>) queries.ofType("AWS::KMS::Key").get(key).get("KeyPolicy");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) policy.get("Statement");
        List<Map<String, Object>> signing = statements.stream()
                .filter(s -> asList(s.get("Action")).stream().anyMatch(a -> a.equals("kms:Sign")
                        || a.equals("kms:*") || a.equals("kms:Sign*") || a.equals("*")))
                .toList();
        assertThat(signing).singleElement().satisfies(s -> {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            assertThat(s.get("Principal")).isEqualTo(Map.of("AWS", getAtt(compilerRole, "Arn")));
            assertThat(asList(s.get("Action"))).containsExactly("kms:Sign");
        });
        assertThat(statements).allSatisfy(s -> assertThat(asList(s.get("Action")))
                .noneMatch(a -> a.toString().startsWith("kms:S") && !a.equals("kms:ScheduleKeyDeletion")
                        && !a.equals("kms:Sign")));
    }

    @Test
    void theCompilerAloneMaySignAndKnowsTheKey() {
        Object keyArn = getAtt(key, "Arn");
        var compiler = queries.statementsOfFunction(queries.functionFor(Compute.COMPILER_HANDLER));
        assertThat(compiler).filteredOn(s -> asList(s.get("Action")).contains("kms:Sign"))
                .singleElement().satisfies(s -> {
                    assertThat(asList(s.get("Action"))).containsExactlyInAnyOrder("kms:Sign", "kms:GetPublicKey");
                    assertThat(asList(s.get("Resource"))).containsExactly(keyArn);
                });
        for (String other : List.of(Compute.ADMIN_HANDLER, Compute.KEY_SYNC_HANDLER)) {
            assertThat(queries.statementsOfFunction(queries.functionFor(other)))
                    .noneMatch(s -> asList(s.get("Action")).stream().anyMatch(a -> a.toString().startsWith("kms:")));
        }
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Compute.COMPILER_HANDLER + "::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("VEXIL_SIGNING_KEY", keyArn))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOperatorsPolicyReachesTheKillListsAndNothingElse() {
        String bucket = queries.ofType("AWS::S3::Bucket").entrySet().stream()
                .filter(e -> e.getValue().containsKey("VersioningConfiguration"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        var policies = queries.ofType("AWS::IAM::ManagedPolicy");
        assertThat(policies).hasSize(1);
        Map<String, Object> document = (Map<String, Object>) policies.values().iterator().next().get("PolicyDocument");
        assertThat((List<Map<String, Object>>) document.get("Statement")).singleElement().satisfies(s -> {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            assertThat(asList(s.get("Action"))).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject",
                    "s3:DeleteObject");
            assertThat(asList(s.get("Resource"))).containsExactly(
                    join(getAtt(bucket, "Arn"), "/snapshots/*/*/killswitch.json"));
        });
    }

    @Test
    void theStackOutputsTheKeyAndThePolicy() {
        template.hasOutput("VexilSnapshotSigningKeyArn", Map.of("Value", getAtt(key, "Arn")));
        template.hasOutput("VexilKillSwitchOperatorsPolicyArn", Match.anyValue());
    }
}
