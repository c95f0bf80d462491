package dev.vexil.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Release automation on AWS (docs/release-automation.md): the release table (schedules, rollout plans, guard
 * pointers; a sparse GSI on the due hour), the scheduler Lambda run every minute by an EventBridge rule, and the
 * guard Lambda run by an EventBridge rule on CloudWatch "Alarm State Change" events of alarms named
 * {@value #GUARD_PREFIX}{@code *} entering ALARM; it notifies the stack's alarm topic. The admin function gets the
 * release table and may check that a guard alarm exists.
 */
public final class ReleaseAutomation extends Construct {
    public static final String SCHEDULER_HANDLER = "dev.vexil.functions.release.ReleaseSchedulerHandler";
    public static final String GUARD_HANDLER = "dev.vexil.functions.release.GuardHandler";
    /** Guard alarms on AWS are CloudWatch alarms whose name starts with this (the guard rule's filter). */
    public static final String GUARD_PREFIX = "vexil-guard-";
    static final String DUE_INDEX = "due";
    /** What a function that changes flags does on the Vexil table (one conditional PutItem per change). */
    static final List<String> FLAG_WRITES = List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");

    private final TableV2 table;
    private final JavaFunction scheduler;
    private final JavaFunction guard;
    private final Rule tick;
    private final Rule alarms;

    public ReleaseAutomation(Construct scope, String id, VexilServiceProps props, DataStore data,
                             JavaFunction admin, Topic topic) {
        super(scope, id);
        this.table = TableV2.Builder.create(this, "Table")
                .partitionKey(string("pk"))
                .sortKey(string("sk"))
                .billing(Billing.onDemand())
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(props.production())
                .globalSecondaryIndexes(List.of(GlobalSecondaryIndexPropsV2.builder().indexName(DUE_INDEX)
                        .partitionKey(string("duePk")).sortKey(string("dueSk"))
                        .projectionType(ProjectionType.ALL).build()))
                .removalPolicy(props.removalPolicy())
                .build();
        Code code = Code.fromAsset(props.functionsJar().toAbsolutePath().normalize().toString());
        Map<String, String> environment = Map.of("VEXIL_TABLE", data.table().getTableName(),
                "VEXIL_RELEASE_TABLE", table.getTableName());
        this.scheduler = new JavaFunction(this, "Scheduler", props, code, SCHEDULER_HANDLER, 512,
                Duration.seconds(50), environment);
        this.guard = new JavaFunction(this, "Guard", props, code, GUARD_HANDLER, 512, Duration.minutes(1),
                Map.of("VEXIL_TABLE", data.table().getTableName(), "VEXIL_RELEASE_TABLE", table.getTableName(),
                        "VEXIL_GUARD_TOPIC_ARN", topic.getTopicArn()));
        for (JavaFunction function : List.of(scheduler, guard)) {
            function.role().addToPrincipalPolicy(PolicyStatement.Builder.create().sid("WriteFlags")
                    .actions(FLAG_WRITES).resources(List.of(data.table().getTableArn())).build());
        }
        grantReleaseTable(scheduler, true);
        grantReleaseTable(guard, false);
        grantReleaseTable(admin, false);
        guard.role().addToPrincipalPolicy(PolicyStatement.Builder.create().sid("NotifyRestores")
                .actions(List.of("sns:Publish")).resources(List.of(topic.getTopicArn())).build());

        admin.function().addEnvironment("VEXIL_RELEASE_TABLE", table.getTableName());
        admin.role().addToPrincipalPolicy(PolicyStatement.Builder.create().sid("CheckGuardAlarms")
                .actions(List.of("cloudwatch:DescribeAlarms"))
                .resources(List.of(Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder()
                        .service("cloudwatch").resource("alarm")
                        .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME)
                        .resourceName(GUARD_PREFIX + "*").build())))
                .build());
        Nag.suppress(admin.role(), "AwsSolutions-IAM5", "DescribeAlarms of the guard alarms only: their names are "
                        + "chosen per rollout, so the resource is the name prefix the guard rule also filters on.",
                List.of("Resource::arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:"
                        + GUARD_PREFIX + "*"));

        // A one-minute rule, not one EventBridge Scheduler schedule per item: docs/release-automation.md, "On AWS".
        this.tick = Rule.Builder.create(this, "Tick")
                .description("Applies due scheduled changes and rollout steps (release automation)")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(LambdaFunction.Builder.create(scheduler.alias()).retryAttempts(0).build()))
                .build();
        this.alarms = Rule.Builder.create(this, "GuardAlarms")
                .description("Guard alarms entering ALARM: restores what they guard (release automation)")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.cloudwatch"))
                        .detailType(List.of("CloudWatch Alarm State Change"))
                        .detail(Map.of("alarmName", Match.prefix(GUARD_PREFIX),
                                "state", Map.of("value", List.of("ALARM"))))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(guard.alias()).retryAttempts(4).build()))
                .build();
    }

    /** Items and the due index; {@code dueIndex} only for the scheduler, the one reader of due work. */
    private void grantReleaseTable(JavaFunction function, boolean dueIndex) {
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReleaseItems")
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"))
                .resources(List.of(table.getTableArn())).build());
        if (dueIndex) {
            function.role().addToPrincipalPolicy(PolicyStatement.Builder.create().sid("DueItems")
                    .actions(List.of("dynamodb:Query"))
                    .resources(List.of(table.getTableArn() + "/index/" + DUE_INDEX)).build());
        }
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public TableV2 table() {
        return table;
    }

    public JavaFunction scheduler() {
        return scheduler;
    }

    public JavaFunction guard() {
        return guard;
    }

    public Rule tick() {
        return tick;
    }

    public Rule guardAlarms() {
        return alarms;
    }
}
