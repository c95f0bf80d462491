package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.flag;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.rollout;
import static dev.vexil.eval.Fixtures.rule;
import static dev.vexil.eval.Fixtures.serve;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.model.FlagType;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluation allocates nothing: counts the bytes this thread allocates over many evaluations of flags that use
 * every operator except {@code matches} (RE2/J allocates a matcher). Not a timing test.
 */
class ZeroAllocationTest {
    @Test
    void evaluatingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Segment segment = new Segment("seg", List.of("x"), List.of("y"), List.of(new SegmentRule("r",
                List.of(clause("plan", "in", "pro")), 50_000, "org", null)), null);
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot(List.of(
                flag("f").type(FlagType.STRING).variations("a", "b", "c").offVariation(0)
                        .prerequisite("gate", 0)
                        .target(0, "alice")
                        .rule(rule("1", serve(0), clause("email", "endsWith", "@example.com"),
                                clause("email", "startsWith", "nobody")))
                        .rule(rule("2", serve(1), clause("version", "semVerLessThan", "1.0.0-rc.1")))
                        .rule(rule("3", serve(1), clause("ip", "inCidr", "10.0.0.0/8", "2001:db8::/32")))
                        .rule(rule("4", serve(1), clause("seen", "before", "2000-01-01T00:00:00Z")))
                        .rule(rule("5", serve(1), clause("age", "greaterThan", 200), clause("tags", "in", "z")))
                        .rule(rule("6", serve(2), clause("s", "segmentMatch", "seg")))
                        .rule(rule("7", serve(2), not(clause("email", "contains", "@"))))
                        .fallthrough(rollout("org", 0, 25_000, 1, 75_000)).build(),
                Fixtures.boolFlag("gate").fallthrough(serve(0)).build()), List.of(segment)));
        Context[] contexts = new Context[64];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = user("user-" + i, "email", "u" + i + (i % 3 == 0 ? "@example.com" : "@corp.io"),
                    "version", i % 2 == 0 ? "1.0.0-beta.2" : "1.2.3", "ip", i % 2 == 0 ? "192.168.0.1" : "2001:db9::1",
                    "seen", i % 2 == 0 ? "2026-12-01T10:00:00.123+01:00" : "2026-12-01T10:00:00Z", "age", i,
                    "tags", List.of("a", "b"), "plan", "pro", "org", i % 4 == 0 ? "org-" + i : (Object) i);
        }
        for (int i = 0; i < contexts.length; i++) { // by index (the SDK's counting path) exactly as by key
            assertThat(env.evaluateAt(env.flagIndex("f"), contexts[i])).isSameAs(env.evaluate("f", contexts[i]));
        }
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += env.evaluate("f", contexts[i & 63]).variationIndex();
            sink += env.evaluateAt(env.flagIndex("f"), contexts[i & 63]).variationIndex();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
            sink += env.evaluate("f", contexts[i & 63]).variationIndex();
            sink += env.evaluateAt(env.flagIndex("f"), contexts[i & 63]).variationIndex();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        // Any allocation per evaluation would be at least 16 B x 200,000 = 3.2 MB; allow the probe's own bytes.
        assertThat(allocated).isLessThan(10_000);
    }
}
