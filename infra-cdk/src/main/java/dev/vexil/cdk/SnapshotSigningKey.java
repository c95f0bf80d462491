package dev.vexil.cdk;

import java.util.List;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.constructs.Construct;

/**
 * The KMS asymmetric key the compiler signs snapshots with (ECC_NIST_P256, SIGN_VERIFY; docs/snapshot-format.md,
 * "Signature"). Its key policy lets the account administer the key and read its public key, but names the
 * compiler's role as the only principal that may {@code kms:Sign}: no IAM policy elsewhere in the account can grant
 * signing, because the key policy does not delegate it. The compiler learns the key from {@code VEXIL_SIGNING_KEY}.
 */
public final class SnapshotSigningKey extends Construct {
    /** What the account (its administrators, through IAM) may do with the key: everything but use it to sign. */
    static final List<String> ADMINISTRATION = List.of("kms:Describe*", "kms:Get*", "kms:List*", "kms:Enable*",
            "kms:Disable*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Create*", "kms:Delete*",
            "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:Verify");

    private final Key key;

    public SnapshotSigningKey(Construct scope, String id, VexilServiceProps props, JavaFunction compiler) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsage.SIGN_VERIFY)
                .description("Signs Vexil snapshots (" + props.stageName() + ")")
                .removalPolicy(props.removalPolicy())
                .policy(PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create()
                                .sid("AccountAdministersButDoesNotSign")
                                .principals(List.of(new AccountRootPrincipal()))
                                .actions(ADMINISTRATION)
                                .resources(List.of("*"))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("OnlyTheCompilerSigns")
                                .principals(List.of(compiler.role()))
                                .actions(List.of("kms:Sign"))
                                .resources(List.of("*"))
                                .build())).build())
                .build();
        compiler.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("SignSnapshots")
                // GetPublicKey once at start-up (the key id in every signature is derived from it), Sign per snapshot.
                .actions(List.of("kms:Sign", "kms:GetPublicKey"))
                .resources(List.of(key.getKeyArn()))
                .build());
        compiler.function().addEnvironment("VEXIL_SIGNING_KEY", key.getKeyArn());
        Nag.suppress(key, "AwsSolutions-KMS5",
                "KMS cannot rotate asymmetric keys automatically; rotation is a new key trusted by SDKs first "
                        + "(docs/deploy.md, \"Rotating the snapshot signing key\").");
        Nag.suppress(key, "AwsSolutions-IAM5",
                "In a key policy \"*\" means this key itself.");
    }

    public Key key() {
        return key;
    }
}
