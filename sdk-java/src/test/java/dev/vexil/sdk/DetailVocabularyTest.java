package dev.vexil.sdk;

import static dev.vexil.sdk.ScenarioFlags.clauseFlag;
import static dev.vexil.sdk.ScenarioFlags.disabledFlag;
import static dev.vexil.sdk.ScenarioFlags.malformedFlag;
import static dev.vexil.sdk.ScenarioFlags.organizationRolloutFlag;
import static dev.vexil.sdk.ScenarioFlags.prerequisiteFlag;
import static dev.vexil.sdk.ScenarioFlags.rolloutFlag;
import static dev.vexil.sdk.ScenarioFlags.ruleRolloutFlag;
import static dev.vexil.sdk.ScenarioFlags.staticFlag;
import static dev.vexil.sdk.ScenarioFlags.targetedFlag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.eval.Context;
import dev.vexil.eval.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of result in OpenFeature's words (the table in sdk-java/README.md), and the order of the checks: not
 * ready, then flag not found, then type mismatch, then evaluation.
 */
class DetailVocabularyTest {
    private static final Context FREE = Context.builder("u-1").set("plan", "free").build();

    @TempDir
    Path dir;
    private VexilClient client;

    @BeforeEach
    void setUp() throws IOException {
        client = TestClients.offline(dir, TestSnapshots.json(9, staticFlag("static"), disabledFlag("disabled"),
                targetedFlag("targeted"), rolloutFlag("split"), ruleRolloutFlag("rule-split"),
                prerequisiteFlag("child", "disabled"), organizationRolloutFlag("by-org"),
                clauseFlag("adults", "age", "greaterThan", IntNode.valueOf(17)),
                malformedFlag("broken"), TestSnapshots.stringFlag("theme", 0, "dark", "light"),
                TestSnapshots.numberFlag("ratio", 1.5), TestSnapshots.numberFlag("huge", 1e12),
                TestSnapshots.jsonFlag("label", TextNode.valueOf("hello"))));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private EvaluationDetail<Boolean> bool(String flag, Context context) {
        return client.boolVariationDetail(flag, context, true);
    }

    @Test
    void everyResultKindHasItsReason() {
        assertThat(bool("static", FREE).openFeatureReason()).isEqualTo("STATIC");
        assertThat(bool("targeted", FREE).openFeatureReason()).as("nothing matched").isEqualTo("DEFAULT");
        assertThat(bool("targeted", Context.builder("vip").build()).openFeatureReason()).as("target")
                .isEqualTo("TARGETING_MATCH");
        assertThat(bool("targeted", Context.builder("u").set("plan", "pro").build()).openFeatureReason())
                .as("rule").isEqualTo("TARGETING_MATCH");
        assertThat(bool("split", FREE).openFeatureReason()).isEqualTo("SPLIT");
        assertThat(bool("rule-split", FREE).openFeatureReason()).isEqualTo("SPLIT");
        assertThat(bool("disabled", FREE).openFeatureReason()).isEqualTo("DISABLED");
        EvaluationDetail<Boolean> child = bool("child", FREE);
        assertThat(child.openFeatureReason()).isEqualTo("PREREQUISITE_FAILED");
        assertThat(child.reason().prerequisiteKey()).isEqualTo("disabled");
        assertThat(child.value()).as("the off variation").isFalse();
        assertThat(bool("nope", FREE).openFeatureReason()).isEqualTo("ERROR");
        for (String flag : new String[] {"static", "targeted", "split", "disabled", "child"}) {
            assertThat(bool(flag, FREE).openFeatureErrorCode()).as(flag).isNull();
            assertThat(bool(flag, FREE).errorMessage()).as(flag).isNull();
        }
    }

    @Test
    void everyErrorHasItsCodeAndAMessageNamingTheFlag() {
        assertError(bool("nope", FREE), "FLAG_NOT_FOUND", "flag 'nope' not found in snapshot version 9");
        assertError(client.stringVariationDetail("static", FREE, "d"), "TYPE_MISMATCH",
                "flag 'static' is a boolean flag, not a string");
        assertError(client.intVariationDetail("huge", FREE, 0), "TYPE_MISMATCH",
                "flag 'huge' served number, not an int");
        assertError(bool("by-org", FREE), "INVALID_CONTEXT",
                "flag 'by-org': the rollout buckets by context kind 'organization', which the context lacks");
        assertError(bool("static", null), "INVALID_CONTEXT", "flag 'static': no context");
        assertError(bool("split", Context.keyless()), "TARGETING_KEY_MISSING",
                "flag 'split': the rollout buckets by the key, and the 'user' context has none");
        assertError(bool("broken", FREE), "PARSE_ERROR",
                "flag 'broken' is malformed: fallthrough.variation: 7 is not a variation index");
        Context throwing = Context.builder("u").set("age", new ExplodingNumber()).build();
        assertError(bool("adults", throwing), "GENERAL",
                "flag 'adults': evaluation failed: java.lang.IllegalStateException: boom");
        try (VexilClient empty = VexilClient.builder(URI.create("http://127.0.0.1:9"), "k").offline(true).build()) {
            assertThat(empty.waitForInitialization(Duration.ZERO)).isFalse();
            EvaluationDetail<Boolean> notReady = empty.boolVariationDetail("static", FREE, true);
            assertError(notReady, "PROVIDER_NOT_READY", "flag 'static': no snapshot loaded yet");
            assertThat(notReady.snapshotVersion()).isEqualTo(-1);
        }
    }

    private static void assertError(EvaluationDetail<?> d, String code, String message) {
        assertThat(d.isError()).as(message).isTrue();
        assertThat(d.openFeatureReason()).isEqualTo("ERROR");
        assertThat(d.openFeatureErrorCode()).isEqualTo(code);
        assertThat(d.errorMessage()).isEqualTo(message);
        assertThat(d.isDefaultValue()).isTrue();
    }

    @Test
    void checksRunInOrderSoNoProblemHidesAnEarlierOne() {
        assertThat(client.boolVariationDetail("nope", null, true).errorKind()).as("missing flag, null context")
                .isEqualTo(ErrorKind.FLAG_NOT_FOUND);
        assertThat(client.stringVariationDetail("by-org", FREE, "d").errorKind())
                .as("wrong type of a flag whose evaluation would fail").isEqualTo(ErrorKind.WRONG_TYPE);
        assertThat(client.stringVariationDetail("broken", FREE, "d").errorKind()).as("wrong type of a broken flag")
                .isEqualTo(ErrorKind.WRONG_TYPE);
        EvaluationDetail<Boolean> disabled = client.boolVariationDetail("disabled", null, true);
        assertThat(disabled.openFeatureReason()).as("DISABLED is never hidden by a context problem")
                .isEqualTo("DISABLED");
        assertThat(disabled.value()).isFalse();
    }

    @Test
    void numbersFollowFlagd() {
        EvaluationDetail<Integer> truncated = client.intVariationDetail("ratio", FREE, 0);
        assertThat(truncated.value()).as("1.5 as an integer is truncated toward zero").isEqualTo(1);
        assertThat(truncated.isError()).isFalse();
        assertThat(truncated.openFeatureReason()).isEqualTo("STATIC");
        assertThat(client.doubleVariationDetail("ratio", FREE, 0).value()).isEqualTo(1.5);
        assertThat(client.stringVariationDetail("label", FREE, "d").value())
                .as("a json flag serving a string reads as a string").isEqualTo("hello");
    }
}
