package dev.vexil.cdk;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One Java handler of the shaded jar as a Lambda: Java 21 on arm64 (cheaper per GB-second than x86), SnapStart on
 * published versions, and a "live" alias on the current version. Everything else (API routes, event sources,
 * alarms) is wired to the alias, so that invocations hit the SnapStart-enabled version and never $LATEST.
 * Its role has no managed policy: it may write its own log group and whatever the caller grants.
 */
public final class JavaFunction extends Construct {
    public static final String ALIAS_NAME = "live";

    private final Function function;
    private final Alias alias;
    private final Role role;

    /**
     * @param handlerClass e.g. dev.vexil.functions.admin.AdminApiHandler (the method is always handleRequest)
     * @param memoryMb     memory, which also buys CPU (1,769 MB is one full vCPU)
     * @param timeout      the function timeout
     */
    public JavaFunction(Construct scope, String id, VexilServiceProps props, Code code, String handlerClass,
                        int memoryMb, Duration timeout, Map<String, String> environment) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(handlerClass + " (" + props.stageName() + ")")
                .build();
        logs.grantWrite(role);
        this.function = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(handlerClass + "::handleRequest")
                .memorySize(memoryMb)
                .timeout(timeout)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(withJvmOptions(environment))
                .logGroup(logs)
                .role(role)
                .description(handlerClass + " (" + props.stageName() + ")")
                .build();
        // CDK warns that SnapStart needs a published version: the version and alias below are exactly that.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Invocations go to the published version behind the live alias");
        Nag.suppress(function, "AwsSolutions-L1",
                "The jar is compiled for Java 21 (the project's release level), so the function runs the java21 runtime.");
        this.alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    /**
     * Tiered compilation stopped at C1 is AWS's advice for short Java Lambda invocations: far less JIT work on the
     * request path, and SnapStart restores an already-warmed C1 image.
     */
    private static Map<String, String> withJvmOptions(Map<String, String> environment) {
        var all = new TreeMap<>(environment);
        all.putIfAbsent("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        return all;
    }

    /**
     * Reserves {@code executions} of the account's concurrency for this function (0: none), so that a burst of
     * other functions (admin calls) cannot take them, and caps it at that number.
     */
    public void reserveConcurrency(int executions) {
        if (executions > 0) {
            ((CfnFunction) function.getNode().getDefaultChild()).setReservedConcurrentExecutions(executions);
        }
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public IRole role() {
        return role;
    }
}
