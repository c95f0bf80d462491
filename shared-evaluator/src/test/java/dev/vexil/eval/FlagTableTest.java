package dev.vexil.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.model.Flag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagTableTest {
    @Test
    void findsEveryFlagAndNothingElse() {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            flags.add(Fixtures.boolFlag("flag-" + i).fallthrough(Fixtures.serve(i % 2)).build());
        }
        // "Aa" and "BB" have the same String hash: they must probe past each other.
        flags.add(Fixtures.boolFlag("Aa").fallthrough(Fixtures.serve(0)).build());
        flags.add(Fixtures.boolFlag("BB").fallthrough(Fixtures.serve(1)).build());
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot(flags, List.of()));
        Context ctx = Fixtures.user("u");
        for (int i = 0; i < 3000; i++) {
            String key = new String("flag-" + i); // not the same instance as the compiled key
            assertThat(env.evaluate(key, ctx).variationIndex()).as(key).isEqualTo(i % 2);
        }
        assertThat(env.evaluate("Aa", ctx).variationIndex()).isZero();
        assertThat(env.evaluate("BB", ctx).variationIndex()).isEqualTo(1);
        assertThat(env.hasFlag("C#")).isFalse();
        assertThat(env.evaluate("flag-3000", ctx).reason().errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
        assertThat(env.flagCount()).isEqualTo(3002);
    }

    @Test
    void flagIndexIsTheSnapshotOrderAndEvaluateAtAnswersAsByKey() {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flags.add(Fixtures.boolFlag("flag-" + i).fallthrough(Fixtures.serve(i % 2)).build());
        }
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot(flags, List.of()));
        Context ctx = Fixtures.user("u");
        for (int i = 0; i < env.flagCount(); i++) {
            String key = new String(env.flagKey(i));
            assertThat(env.flagIndex(key)).as(key).isEqualTo(i);
            assertThat(env.evaluateAt(i, ctx)).isSameAs(env.evaluate(key, ctx));
        }
        assertThat(env.flagIndex("nope")).isEqualTo(-1);
        assertThat(env.flagIndex(null)).isEqualTo(-1);
        assertThat(env.evaluateAt(-1, ctx).reason().errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
    }

    @Test
    void anEmptySnapshotHasNoFlags() {
        CompiledEnvironment env = CompiledEnvironment.compile(Fixtures.snapshot());
        assertThat(env.hasFlag("x")).isFalse();
        assertThat(env.flagCount()).isZero();
    }
}
