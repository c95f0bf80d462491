package dev.vexil.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rollout;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.StalenessPolicy;
import dev.vexil.model.Target;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static Snapshot sample() {
        Flag checkout = new Flag("new-checkout", FlagType.BOOLEAN,
                List.of(new Variation(F.booleanNode(true), "on"), new Variation(F.booleanNode(false), "off")),
                7L, true, 1, "new-checkout",
                List.of(new Target(0, List.of("alice", "bob"))),
                List.of(new Prerequisite("payments-v2", 0)),
                List.of(new Rule("eu", List.of(new Clause("country", "in", List.of(F.textNode("DE"), F.textNode("FR")),
                                false)), Serve.variation(0)),
                        new Rule("beta", List.of(new Clause("segment", "segmentMatch",
                                List.of(F.textNode("beta-testers")), false)),
                                Serve.rollout(new Rollout("key", List.of(new WeightedVariation(0, 25000),
                                        new WeightedVariation(1, 75000)))))),
                Serve.variation(1), new StalenessPolicy(3600, "serveOff"));
        Flag payments = new Flag("payments-v2", FlagType.STRING,
                List.of(new Variation(F.textNode("grün ✓ 🚀"), "unicode"), new Variation(F.textNode("plain"), null)),
                3L, true, null, null, List.of(), List.of(), List.of(), Serve.variation(0), null);
        Segment beta = new Segment("beta-testers", List.of("carol"), List.of("dave"), List.of(), null);
        return new Snapshot(1, "shop", "production", 42, "2026-12-01T19:00:00Z", List.of(checkout, payments),
                List.of(beta), null);
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Snapshot sealed = SnapshotCodec.seal(sample());
        byte[] bytes = SnapshotCodec.write(sealed);

        Snapshot read = SnapshotCodec.read(bytes);

        assertThat(read).isEqualTo(sealed);
        assertThat(read.contentHash()).matches("sha256:[0-9a-f]{64}");
        assertThat(SnapshotCodec.write(read)).isEqualTo(bytes);
    }

    @Test
    void writeSealsAnUnsealedSnapshot() throws Exception {
        byte[] bytes = SnapshotCodec.write(sample());
        assertThat(SnapshotCodec.read(bytes).contentHash()).isEqualTo(SnapshotCodec.seal(sample()).contentHash());
    }

    @Test
    void canonicalFormHasSortedKeysAndNoWhitespace() {
        String json = new String(SnapshotCodec.write(sample()), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"contentHash\":\"sha256:");
        assertThat(json).contains(",\"environment\":\"production\",\"flags\":[{\"fallthrough\":{\"variation\":1},");
        assertThat(json).doesNotContain(" :").doesNotContain(": ").doesNotContain("\n");
        assertThat(json).contains("\"grün ✓ 🚀\""); // non-ASCII as raw UTF-8, not \\u escapes
    }

    @Test
    void sameContentInAnyFieldOrderGivesIdenticalBytes() throws Exception {
        String a = "{\"schemaVersion\":1,\"environment\":\"e\",\"version\":1,\"generatedAt\":\"2026-01-01T00:00:00Z\","
                + "\"flags\":[],\"segments\":[],\"x\":{\"b\":1,\"a\":[2,1]}}";
        String b = "{ \"x\" : {\"a\":[2,1], \"b\":1}, \"segments\":[], \"flags\":[], \"generatedAt\":\"2026-01-01T00:00:00Z\","
                + "\n\"version\":1, \"environment\":\"e\", \"schemaVersion\":1 }";
        JsonNode ta = SnapshotCodec.mapper().readTree(a);
        JsonNode tb = SnapshotCodec.mapper().readTree(b);
        assertThat(SnapshotCodec.canonicalBytes(tb)).isEqualTo(SnapshotCodec.canonicalBytes(ta));
        assertThat(new String(SnapshotCodec.canonicalBytes(ta), StandardCharsets.UTF_8)).isEqualTo(
                "{\"environment\":\"e\",\"flags\":[],\"generatedAt\":\"2026-01-01T00:00:00Z\",\"schemaVersion\":1,"
                        + "\"segments\":[],\"version\":1,\"x\":{\"a\":[2,1],\"b\":1}}");
        assertThat(SnapshotCodec.hashOf(ta)).isEqualTo(SnapshotCodec.hashOf(tb));
    }

    @Test
    void unknownFieldsAreAcceptedAndCoveredByTheHash() throws Exception {
        ObjectNode doc = SnapshotCodec.mapper().valueToTree(sample());
        doc.put("futureField", "x");
        ((ObjectNode) doc.get("flags").get(0)).putObject("futureFlagField").put("n", 1);
        doc.put("contentHash", SnapshotCodec.hashOf(doc));
        byte[] bytes = SnapshotCodec.canonicalBytes(doc);

        Snapshot read = SnapshotCodec.read(bytes);
        assertThat(read.flags()).hasSize(2);

        // Changing only an unknown field breaks the hash: unknown fields are part of the verified content.
        String tampered = new String(bytes, StandardCharsets.UTF_8).replace("\"futureField\":\"x\"",
                "\"futureField\":\"y\"");
        assertThatThrownBy(() -> SnapshotCodec.read(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("contentHash mismatch");
    }

    @Test
    void nonCanonicalButCorrectlyHashedInputIsAccepted() throws Exception {
        ObjectNode doc = SnapshotCodec.mapper().valueToTree(sample());
        doc.put("contentHash", SnapshotCodec.hashOf(doc));
        byte[] pretty = SnapshotCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        assertThat(SnapshotCodec.read(pretty).environment()).isEqualTo("production");
    }

    @Test
    void refusesNonJson() {
        assertRefused("hello", "not valid JSON");
    }

    @Test
    void refusesEmptyInput() {
        assertRefused("", "empty");
        assertRefused("   ", "no JSON value");
    }

    @Test
    void refusesTruncatedInput() {
        String whole = new String(SnapshotCodec.write(sample()), StandardCharsets.UTF_8);
        assertRefused(whole.substring(0, whole.length() / 2), "truncated");
    }

    @Test
    void refusesTrailingGarbage() {
        String whole = new String(SnapshotCodec.write(sample()), StandardCharsets.UTF_8);
        assertRefused(whole + "{}", "trailing content");
        assertRefused(whole + "x", "");
    }

    @Test
    void refusesANonObject() {
        assertRefused("[1,2]", "must be a JSON object, got an array");
    }

    @Test
    void refusesMissingSchemaVersion() {
        ObjectNode doc = SnapshotCodec.mapper().valueToTree(sample());
        doc.remove("schemaVersion");
        doc.put("contentHash", SnapshotCodec.hashOf(doc));
        assertRefused(doc.toString(), "snapshot has no schemaVersion; this reader supports 1");
    }

    @Test
    void refusesUnknownSchemaVersionWithAClearMessage() {
        ObjectNode doc = SnapshotCodec.mapper().valueToTree(sample());
        doc.put("schemaVersion", 2);
        doc.put("contentHash", SnapshotCodec.hashOf(doc));
        assertRefused(doc.toString(), "unsupported schemaVersion 2; this reader supports 1");
    }

    @Test
    void refusesANonIntegerSchemaVersion() {
        ObjectNode doc = SnapshotCodec.mapper().valueToTree(sample());
        doc.put("schemaVersion", "1");
        assertRefused(doc.toString(), "schemaVersion must be an integer, got a string");
    }

    @Test
    void refusesMissingContentHash() {
        ObjectNode doc = SnapshotCodec.mapper().valueToTree(sample());
        assertRefused(doc.toString(), "no contentHash");
    }

    @Test
    void refusesHashMismatch() {
        String json = new String(SnapshotCodec.write(sample()), StandardCharsets.UTF_8).replace("\"alice\"", "\"mallory\"");
        assertRefused(json, "contentHash mismatch");
    }

    @Test
    void refusesDuplicateMembers() {
        assertRefused("{\"schemaVersion\":1,\"schemaVersion\":1}", "Duplicate field");
    }

    @Test
    void refusesADocumentThatDoesNotBindToTheModel() {
        ObjectNode doc = SnapshotCodec.mapper().valueToTree(sample());
        doc.put("flags", "not a list");
        doc.put("contentHash", SnapshotCodec.hashOf(doc));
        assertRefused(doc.toString(), "does not match format v1");
    }

    private static void assertRefused(String json, String fragment) {
        assertThatThrownBy(() -> SnapshotCodec.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining(fragment);
    }
}
