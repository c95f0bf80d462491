package dev.vexil.bench.eval;

import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.eval.EvaluationResult;
import java.util.Set;

/** The sanity checks of SCENARIOS.md; a benchmark whose flags do not behave as specified measures nothing. */
public final class ScenarioSanity {
    private static final Set<String> EU5 = Set.of("DE", "FR", "IT", "ES", "NL");

    private ScenarioSanity() {
    }

    public static void check(CompiledEnvironment env, ScenarioUsers users, Context[] prebuilt) {
        int s2True = 0;
        int rest = 0;
        int restB = 0;
        for (int i = 0; i < ScenarioUsers.COUNT; i++) {
            for (Context ctx : new Context[] {prebuilt[i], users.context(i)}) {
                EvaluationResult s1 = evaluate(env, ScenarioFlags.S1, ctx);
                require(s1.value().booleanValue(), "S1 must return true for every user; user " + i + ": " + s1);
                String s3 = evaluate(env, ScenarioFlags.S3, ctx).value().textValue();
                String expected;
                if (users.emails[i].endsWith("@example.com")) {
                    expected = "A";
                } else if (EU5.contains(users.countries[i])) {
                    expected = "B";
                } else if (users.plans[i].equals("enterprise")) {
                    expected = "A";
                } else {
                    expected = null; // rolled out: B or default
                    require(s3.equals("B") || s3.equals("default"), "S3 rollout served " + s3 + " to user " + i);
                }
                require(expected == null || expected.equals(s3),
                        "S3 must serve " + expected + " to user " + i + ", served " + s3);
            }
            s2True += evaluate(env, ScenarioFlags.S2, prebuilt[i]).value().booleanValue() ? 1 : 0;
            if (!users.emails[i].endsWith("@example.com") && !EU5.contains(users.countries[i])
                    && !users.plans[i].equals("enterprise")) {
                rest++;
                restB += evaluate(env, ScenarioFlags.S3, prebuilt[i]).value().textValue().equals("B") ? 1 : 0;
            }
        }
        double s2Share = s2True / (double) ScenarioUsers.COUNT;
        require(s2Share >= 0.45 && s2Share <= 0.55, "S2 must serve true to 45-55% of users, served " + s2Share);
        double bShare = restB / (double) rest;
        require(bShare >= 0.18 && bShare <= 0.32, "S3's rollout must serve B to about 25%, served " + bShare
                + " of " + rest);
    }

    private static EvaluationResult evaluate(CompiledEnvironment env, String flag, Context ctx) {
        EvaluationResult r = env.evaluate(flag, ctx);
        require(!r.isError(), flag + " errored: " + r);
        return r;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("sanity check failed: " + message);
        }
    }
}
