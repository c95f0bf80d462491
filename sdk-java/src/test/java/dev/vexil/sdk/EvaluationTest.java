package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.ReasonKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation API: typed variations, details, errors as values. The client runs offline from a bootstrap file. */
class EvaluationTest {
    private static final Context USER = Context.builder("user-1").set("plan", "pro").build();

    @TempDir
    Path dir;
    private VexilClient client;

    @BeforeEach
    void setUp() throws IOException {
        JsonNode config = new ObjectMapper().readTree("{\"limits\":{\"rps\":100},\"tags\":[\"a\"]}");
        Path bootstrap = dir.resolve("bootstrap.json");
        Files.write(bootstrap, json(12,
                boolFlag("checkout", true),
                TestSnapshots.stringFlag("theme", 1, "light", "dark", "off"),
                TestSnapshots.numberFlag("ratio", 2.75),
                TestSnapshots.numberFlag("retries", 3),
                TestSnapshots.jsonFlag("config", config),
                TestSnapshots.jsonFlag("label", TextNode.valueOf("hello"))));
        client = VexilClient.builder(URI.create("http://127.0.0.1:9"), "unused").offline(true)
                .bootstrap(bootstrap).build();
        assertThat(client.waitForInitialization(Duration.ZERO)).isTrue();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void typedVariationsServeTheFlagValue() {
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        assertThat(client.stringVariation("theme", USER, "none")).isEqualTo("dark");
        assertThat(client.doubleVariation("ratio", USER, 0)).isEqualTo(2.75);
        assertThat(client.intVariation("retries", USER, 0)).isEqualTo(3);
        assertThat(client.intVariation("ratio", USER, 0)).as("truncated toward zero").isEqualTo(2);
        assertThat(client.jsonVariation("config", USER, null).path("limits").path("rps").asInt()).isEqualTo(100);
        assertThat(client.stringVariation("label", USER, "none")).as("json flag serving a string").isEqualTo("hello");
    }

    @Test
    void detailsCarryVariationReasonAndVersion() {
        EvaluationDetail<String> theme = client.stringVariationDetail("theme", USER, "none");
        assertThat(theme.value()).isEqualTo("dark");
        assertThat(theme.variationIndex()).isEqualTo(1);
        assertThat(theme.variationName()).isEqualTo("name-dark");
        assertThat(theme.reason().kind()).isEqualTo(ReasonKind.FALLTHROUGH);
        assertThat(theme.snapshotVersion()).isEqualTo(12);
        assertThat(theme.isError()).isFalse();

        assertThat(client.boolVariationDetail("checkout", USER, false).value()).isTrue();
        assertThat(client.doubleVariationDetail("ratio", USER, 0).value()).isEqualTo(2.75);
        assertThat(client.intVariationDetail("retries", USER, 0).value()).isEqualTo(3);
        assertThat(client.jsonVariationDetail("config", USER, null).value().has("limits")).isTrue();
    }

    @Test
    void anUnknownFlagGivesTheDefaultWithFlagNotFound() {
        assertThat(client.boolVariation("nope", USER, true)).isTrue();
        EvaluationDetail<Boolean> d = client.boolVariationDetail("nope", USER, true);
        assertThat(d.value()).isTrue();
        assertThat(d.reason().kind()).isEqualTo(ReasonKind.ERROR);
        assertThat(d.errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
        assertThat(d.variationIndex()).isEqualTo(-1);
        assertThat(d.snapshotVersion()).isEqualTo(12);
        assertThat(client.stringVariationDetail(null, USER, "x").errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
    }

    @Test
    void aTypeMismatchGivesTheDefaultWithWrongType() {
        assertThat(client.boolVariation("theme", USER, true)).isTrue();
        assertThat(client.stringVariation("checkout", USER, "d")).isEqualTo("d");
        assertThat(client.doubleVariation("theme", USER, 1.5)).isEqualTo(1.5);
        assertThat(client.intVariation("checkout", USER, 7)).isEqualTo(7);
        EvaluationDetail<Boolean> d = client.boolVariationDetail("theme", USER, true);
        assertThat(d.value()).isTrue();
        assertThat(d.errorKind()).isEqualTo(ErrorKind.WRONG_TYPE);
        assertThat(d.reason().note()).contains("theme");
        assertThat(client.stringVariationDetail("config", USER, "d").errorKind()).isEqualTo(ErrorKind.WRONG_TYPE);
    }

    @Test
    void aNullContextGivesTheDefaultWithInvalidContext() {
        assertThat(client.boolVariation("checkout", null, false)).isFalse();
        assertThat(client.boolVariationDetail("checkout", null, false).errorKind())
                .isEqualTo(ErrorKind.INVALID_CONTEXT);
        assertThat(client.allFlags(null)).isEmpty();
    }

    @Test
    void nullKeysNullDefaultsAndAClosedClientNeverThrow() {
        assertThat(client.boolVariation(null, USER, true)).isTrue();
        assertThat(client.stringVariation(null, USER, "d")).isEqualTo("d");
        assertThat(client.doubleVariation(null, null, 1.5)).isEqualTo(1.5);
        assertThat(client.intVariation(null, USER, 4)).isEqualTo(4);
        assertThat(client.jsonVariation(null, USER, null)).isNull();
        assertThat(client.stringVariation("nope", USER, null)).isNull();
        assertThat(client.stringVariation("checkout", USER, null)).as("type mismatch, null default").isNull();
        EvaluationDetail<String> d = client.stringVariationDetail("nope", USER, null);
        assertThat(d.value()).isNull();
        assertThat(d.errorKind()).isEqualTo(ErrorKind.FLAG_NOT_FOUND);
        assertThat(client.jsonVariationDetail(null, null, null).reason().kind()).isEqualTo(ReasonKind.ERROR);

        client.close();
        client.close(); // idempotent
        assertThat(client.boolVariation("checkout", USER, false)).as("a closed client keeps its last data").isTrue();
        assertThat(client.stringVariationDetail("nope", USER, "d").value()).isEqualTo("d");
        assertThat(client.allFlags(USER)).containsKey("checkout");
        assertThat(client.waitForInitialization(Duration.ofSeconds(1))).isTrue();
        assertThat(client.status().polling()).isFalse();
    }

    @Test
    void withoutDataEverythingIsNotReady() {
        try (VexilClient empty = VexilClient.builder(URI.create("http://127.0.0.1:9"), "k").offline(true).build()) {
            assertThat(empty.waitForInitialization(Duration.ofSeconds(30))).isFalse();
            assertThat(empty.boolVariation("checkout", USER, true)).isTrue();
            EvaluationDetail<String> d = empty.stringVariationDetail("theme", USER, "fallback");
            assertThat(d.value()).isEqualTo("fallback");
            assertThat(d.errorKind()).isEqualTo(ErrorKind.NOT_READY);
            assertThat(d.snapshotVersion()).isEqualTo(-1);
            assertThat(empty.allFlags(USER)).isEmpty();
            assertThat(empty.status().initialized()).isFalse();
        }
    }

    @Test
    void jsonValuesAreCopiesSoCallersCannotCorruptTheSnapshot() {
        ObjectNode first = (ObjectNode) client.jsonVariation("config", USER, null);
        first.put("injected", true);
        first.with("limits").put("rps", 1);
        JsonNode second = client.jsonVariation("config", USER, null);
        assertThat(second.has("injected")).isFalse();
        assertThat(second.path("limits").path("rps").asInt()).isEqualTo(100);
    }

    @Test
    void allFlagsGivesEveryValueFromOneSnapshot() {
        var all = client.allFlags(USER);
        assertThat(all).containsOnlyKeys("checkout", "theme", "ratio", "retries", "config", "label");
        assertThat(all.get("theme").textValue()).isEqualTo("dark");
        assertThat(all.get("checkout").booleanValue()).isTrue();
    }

    @Test
    void contextsCanBeMultiKind() {
        Context multi = Context.multi(Context.builder("user-9").build(),
                Context.builder("organization", "org-1").set("tier", "gold").build());
        assertThat(client.boolVariation("checkout", multi, false)).isTrue();
    }
}
