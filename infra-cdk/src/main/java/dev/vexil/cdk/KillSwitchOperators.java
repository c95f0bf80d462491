package dev.vexil.cdk;

import java.util.List;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * A managed policy for the people who pull the emergency brake: read, write and delete the kill lists
 * ({@code snapshots/<project>/<env>/killswitch.json}) and nothing else. The kill list is deliberately unsigned (it
 * can only turn flags off, and is written by hand during an incident), so this policy is exactly the power it
 * gives. Attach it to an operators' role or group; the stack outputs its ARN.
 */
public final class KillSwitchOperators extends Construct {
    static final String KILL_LISTS = "snapshots/*/*/killswitch.json";

    private final ManagedPolicy policy;

    public KillSwitchOperators(Construct scope, String id, VexilServiceProps props, Bucket bucket) {
        super(scope, id);
        this.policy = ManagedPolicy.Builder.create(this, "Policy")
                .description("Write and remove Vexil kill lists (" + props.stageName() + "), nothing else")
                .statements(List.of(PolicyStatement.Builder.create()
                        .sid("KillListsOnly")
                        .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
                        .resources(List.of(bucket.arnForObjects(KILL_LISTS)))
                        .build()))
                .build();
        Nag.suppress(policy, "AwsSolutions-IAM5",
                "One object name, killswitch.json, in every project and environment; the wildcards are the two "
                        + "path segments of those names.",
                List.of(Nag.matching("^Resource::<[A-Za-z0-9]+\\.Arn>/snapshots/\\*/\\*/killswitch\\.json$")));
    }

    public ManagedPolicy policy() {
        return policy;
    }
}
