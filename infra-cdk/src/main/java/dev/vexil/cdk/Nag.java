package dev.vexil.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each with the one-line reason the rule does not apply. */
final class Nag {
    private Nag() {
    }

    /** Suppresses {@code ruleId} on {@code construct} and its children. */
    static void suppress(IConstruct construct, String ruleId, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(ruleId).reason(reason).build()), true);
    }

    /** Suppresses {@code ruleId} only for the listed findings (e.g. one wildcard resource), not the whole rule. */
    static void suppress(IConstruct construct, String ruleId, String reason, List<?> appliesTo) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(ruleId).reason(reason).appliesTo(List.copyOf(appliesTo))
                        .build()), true);
    }

    /** A finding pattern for {@link #suppress(IConstruct, String, String, List)}, e.g. one ARN shape. */
    static RegexAppliesTo matching(String regex) {
        return RegexAppliesTo.builder().regex("/" + regex + "/").build();
    }
}
