package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** How the app turns context into stacks, and how it refuses bad context. */
class VexilAppTest {

    private static App appWith(Map<String, Object> extra) {
        Map<String, Object> context = new HashMap<>(SynthesizedApp.cdkJsonContext());
        context.putAll(extra);
        return App.Builder.create().context(context).build();
    }

    @Test
    void stageContextSelectsOneStack() {
        var stacks = VexilApp.configure(appWith(Map.of("stage", "prod")));
        assertThat(stacks).extracting(s -> s.getStackName()).containsExactly("Vexil-prod");
    }

    @Test
    void unknownStageIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> VexilApp.configure(appWith(Map.of("stage", "qa"))))
                .hasMessageContaining("Unknown stage 'qa'").hasMessageContaining("[dev, prod]");
    }

    @Test
    void missingLambdaJarFailsWithTheBuildCommand() {
        assertThatThrownBy(() -> VexilApp.configure(appWith(Map.of("stage", "dev",
                VexilApp.FUNCTIONS_JAR_KEY, "target/no-such.jar"))))
                .hasMessageContaining("no-such.jar does not exist")
                .hasMessageContaining("-pl functions -am package");
    }

    @Test
    void misspelledStageSettingIsRefused() {
        assertThatThrownBy(() -> VexilApp.configure(appWith(Map.of(StageConfig.STAGES_KEY,
                Map.of("dev", Map.of("prodution", true))))))
                .hasMessageContaining("Unknown setting 'prodution'");
    }

    @Test
    void customDomainNeedsAUsEast1Certificate() {
        assertThatThrownBy(() -> VexilApp.configure(appWith(Map.of(StageConfig.STAGES_KEY,
                Map.of("dev", Map.of("cdnDomain", "flags.example.com",
                        "cdnCertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))))))
                .hasMessageContaining("us-east-1");
    }
}
