package dev.vexil.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Every handler the stack deploys can be started by the Lambda Java runtime: the class is in the jar that is
 * deployed (functions/target/functions.jar), it is a RequestHandler, and it has the public no-argument
 * constructor the runtime calls. Nothing here can be checked by deploying, so it is checked before.
 */
class HandlerContractTest {
    private static final Path DEPLOYED_JAR = Path.of("..", "functions", "target", "functions.jar");

    private static List<String> deployedHandlerClasses() {
        return new TemplateQueries(SynthesizedApp.templateJson("dev")).ofType("AWS::Lambda::Function").values()
                .stream().map(f -> (String) f.get("Handler"))
                .map(handler -> handler.substring(0, handler.indexOf("::")))
                .toList();
    }

    @Test
    void handlersAreTheEightOfTheArchitecture() {
        assertThat(deployedHandlerClasses()).containsExactlyInAnyOrder(Compute.ADMIN_HANDLER,
                Compute.COMPILER_HANDLER, Compute.KEY_SYNC_HANDLER, SdkKeyReconciliation.HANDLER,
                PushChannel.AUTHORIZER_HANDLER, InsightsIngestion.HANDLER,
                ReleaseAutomation.SCHEDULER_HANDLER, ReleaseAutomation.GUARD_HANDLER);
    }

    @Test
    void everyHandlerIsInTheDeployedJar() throws IOException {
        try (ZipFile jar = new ZipFile(DEPLOYED_JAR.toFile())) {
            for (String handler : deployedHandlerClasses()) {
                assertThat(jar.getEntry(handler.replace('.', '/') + ".class")).as(handler).isNotNull();
            }
        }
    }

    @Test
    void everyHandlerIsARequestHandlerWithAPublicNoArgConstructor() throws Exception {
        for (String handler : deployedHandlerClasses()) {
            // Not initialised: static initialisers build AWS clients from the Lambda environment.
            Class<?> type = Class.forName(handler, false, getClass().getClassLoader());
            assertThat(RequestHandler.class).as(handler).isAssignableFrom(type);
            assertThat(Modifier.isPublic(type.getModifiers())).as(handler + " is public").isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).as(handler + "()").isTrue();
        }
    }
}
