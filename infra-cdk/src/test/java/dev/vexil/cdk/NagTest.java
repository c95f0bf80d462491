package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.cloudassembly.schema.ArtifactMetadataEntryType;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/** The AwsSolutions pack (applied by VexilApp) leaves no unsuppressed error on any stage's stack. */
class NagTest {

    @Test
    void everyStageIsSynthesized() {
        assertThat(SynthesizedApp.stageNames()).containsExactlyInAnyOrder("dev", "prod");
    }

    @Test
    void noUnsuppressedCdkNagErrors() {
        for (String stage : SynthesizedApp.stageNames()) {
            List<String> errors = SynthesizedApp.stack(stage).getMessages().stream()
                    .filter(m -> m.getLevel() == SynthesisMessageLevel.ERROR)
                    .map(NagTest::describe)
                    .toList();
            assertThat(errors).as("errors on Vexil-" + stage).isEmpty();
        }
    }

    private static String describe(SynthesisMessage message) {
        return message.getId() + ": " + message.getEntry().getData();
    }
}
