package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** The AwsSolutions pack (applied by VexilApp) leaves no unsuppressed error on any stage's stack. */
class NagTest {

    @Test
    void everyStageIsSynthesized() {
        assertThat(SynthesizedApp.stageNames()).containsExactlyInAnyOrder("dev", "prod");
    }

    @Test
    void noUnsuppressedCdkNagErrors() {
        for (Stack stack : SynthesizedApp.stacks()) {
            List<String> errors = Annotations.fromStack(stack).findError("*", Match.anyValue()).stream()
                    .map(NagTest::describe)
                    .toList();
            assertThat(errors).as("errors on " + stack.getStackName()).isEmpty();
        }
    }

    @Test
    void cdkNagRanOnEveryStack() {
        // Suppressed findings are recorded in the template metadata: proof that the pack ran (and with reasons).
        for (String stage : SynthesizedApp.stageNames()) {
            String template = SynthesizedApp.templateJson(stage).toString();
            assertThat(template).contains("cdk_nag").contains("AwsSolutions-IAM5").contains("AwsSolutions-L1");
        }
    }

    private static String describe(SynthesisMessage message) {
        return message.getId() + ": " + message.getEntry().getData();
    }
}
