package dev.vexil.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The app exactly as {@code cdk synth} builds it: the context of cdk.json, synthesized once per test JVM (jsii
 * start-up and synthesis are the slow part) into target/cdk.out, where the build's cfn-lint step reads it.
 */
final class SynthesizedApp {
    static final Path OUT_DIR = Path.of("target", "cdk.out");

    private static CloudAssembly assembly;
    private static List<Stack> stacks;

    private SynthesizedApp() {
    }

    static synchronized CloudAssembly assembly() {
        if (assembly == null) {
            App app = App.Builder.create().context(cdkJsonContext()).outdir(OUT_DIR.toString()).build();
            stacks = VexilApp.configure(app);
            assembly = app.synth();
        }
        return assembly;
    }

    static Template template(String stage) {
        return Template.fromJSON(templateJson(stage));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> templateJson(String stage) {
        return (Map<String, Object>) stack(stage).getTemplate();
    }

    static CloudFormationStackArtifact stack(String stage) {
        return assembly().getStackByName("Vexil-" + stage);
    }

    /** The stack objects of the synthesized app (for Annotations, which reads the already synthesized app). */
    static List<Stack> stacks() {
        assembly();
        return stacks;
    }

    static List<String> stageNames() {
        return assembly().getStacks().stream().map(s -> s.getStackName().substring("Vexil-".length())).toList();
    }

    /** The "context" object of infra-cdk/cdk.json, as the CDK CLI would pass it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read infra-cdk/cdk.json", e);
        }
    }
}
