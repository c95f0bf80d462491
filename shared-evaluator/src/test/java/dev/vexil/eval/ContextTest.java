package dev.vexil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContextTest {
    @Test
    void attributesAndBuiltIns() {
        Context c = Context.builder("alice").set("country", "DE").set("age", 42).set("beta", true)
                .set("groups", List.of("a", "b")).set("country", "FR").build();
        assertThat(c.get("country")).as("the last value wins").isEqualTo("FR");
        assertThat(c.get("age")).isEqualTo(42);
        assertThat(c.get("beta")).isEqualTo(true);
        assertThat(c.get("groups")).isEqualTo(List.of("a", "b"));
        assertThat(c.get("key")).isEqualTo("alice");
        assertThat(c.get("kind")).isEqualTo("user");
        assertThat(c.get("missing")).isNull();
        assertThat(c.attributeNames()).containsExactly("country", "age", "beta", "groups");
        assertThat(c).hasToString("Context{kind=user, key=alice, country=FR, age=42, beta=true, groups=[a, b]}");
    }

    @Test
    void theBuilderCanBeReusedWithoutChangingBuiltContexts() {
        Context.Builder b = Context.builder("k");
        for (int i = 0; i < 9; i++) {
            b.set("a" + i, i);
        }
        Context first = b.build();
        Context second = b.set("a0", "changed").build();
        assertThat(first.get("a0")).isEqualTo(0);
        assertThat(first.get("a8")).isEqualTo(8);
        assertThat(second.get("a0")).isEqualTo("changed");
    }

    @Test
    void rejectsWhatCannotBeEvaluated() {
        assertThatThrownBy(() -> Context.builder("k").set("key", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Context.builder("multi", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Context.builder("k").set("l", List.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        Context user = Context.builder("u").build();
        assertThatThrownBy(() -> Context.multi(user, Context.builder("v").build()))
                .hasMessageContaining("duplicate context kind: user");
    }

    @Test
    void multiKindContexts() {
        Context user = Context.builder("u").build();
        Context org = Context.builder("organization", "acme").set("plan", "pro").build();
        Context multi = Context.multi(user, org);
        assertThat(multi.isMulti()).isTrue();
        assertThat(multi.key()).isEqualTo("u");
        assertThat(multi.forKind("organization")).isSameAs(org);
        assertThat(multi.forKind(null)).isSameAs(user);
        assertThat(multi.forKind("device")).isNull();
        assertThat(Context.multi(user)).isSameAs(user);
        assertThat(Context.multi(multi, Context.builder("device", "d").build()).parts()).hasSize(3);
    }
}
