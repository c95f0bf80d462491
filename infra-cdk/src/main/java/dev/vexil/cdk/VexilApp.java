package dev.vexil.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: one environment-agnostic stack {@code Vexil-<stage>} per stage of the {@code vexil:stages} context
 * (cdk.json), or only those named by {@code -c stage=dev[,prod]}. The AwsSolutions cdk-nag pack checks every stack;
 * an unsuppressed finding is an error and fails {@code cdk synth}.
 */
public final class VexilApp {
    static final String FUNCTIONS_JAR_KEY = "vexil:functionsJar";
    static final String EDGE_FUNCTION_KEY = "vexil:edgeFunction";
    static final String CONSOLE_ASSETS_KEY = "vexil:consoleAssets";

    private VexilApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        configure(app);
        app.synth();
    }

    /** Adds the stacks selected by the app's context and the cdk-nag checks; returns the stacks. */
    public static List<Stack> configure(App app) {
        Object stagesContext = app.getNode().tryGetContext(StageConfig.STAGES_KEY);
        if (!(stagesContext instanceof Map<?, ?> raw) || raw.isEmpty()) {
            throw new IllegalArgumentException("The CDK context has no '" + StageConfig.STAGES_KEY
                    + "' object; run from infra-cdk/ so that cdk.json is read, or pass the context.");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> stages = (Map<String, ?>) raw;
        Path functionsJar = Path.of(contextOr(app, FUNCTIONS_JAR_KEY, "../functions/target/functions.jar"));
        Path edgeFunction = Path.of(contextOr(app, EDGE_FUNCTION_KEY, "edge/sdk-gate.js"));
        Path consoleAssets = Path.of(contextOr(app, CONSOLE_ASSETS_KEY, "../console/target/classes/dev/vexil/console"));

        List<Stack> stacks = new ArrayList<>();
        for (String stage : StageConfig.selectedStages(stages, app.getNode().tryGetContext("stage"))) {
            if (!(stages.get(stage) instanceof Map<?, ?> settings)) {
                throw new IllegalArgumentException("Stage '" + stage + "' in " + StageConfig.STAGES_KEY
                        + " must be an object of settings");
            }
            VexilServiceProps props = StageConfig.props(stage, settings, functionsJar, edgeFunction);
            Stack stack = new Stack(app, "Vexil-" + stage, StackProps.builder()
                    .description("Vexil feature flags, stage " + stage)
                    .build());
            VexilService service = new VexilService(stack, "Vexil", props);
            StageConfig.console(settings, consoleAssets).ifPresent(console ->
                    new AdminConsole(stack, "Console", props, service.adminApi(), console));
            // Dashboards are left untagged: cfn-lint's resource schema does not know their Tags property yet.
            Tags.of(stack).add("vexil:stage", stage, TagProps.builder()
                    .excludeResourceTypes(List.of("AWS::CloudWatch::Dashboard")).build());
            stacks.add(stack);
        }
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stacks;
    }

    private static String contextOr(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
