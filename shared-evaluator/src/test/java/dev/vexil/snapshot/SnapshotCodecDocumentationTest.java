package dev.vexil.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.Snapshot;
import dev.vexil.validate.Validator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/snapshot-format.md, its example, the test copy of the example and the JSON Schema honest. */
class SnapshotCodecDocumentationTest {
    private static final Path DOC = Path.of("..", "docs", "snapshot-format.md");
    private static final String MARKER = "<!-- example:snapshot-v1 -->";

    private static final String SIGNED_MARKER = "<!-- example:snapshot-v1-signed -->";
    private static final String KEY_MARKER = "<!-- example:signing-key -->";

    private static String docExample() throws Exception {
        return docBlock(MARKER);
    }

    /** The fenced block after {@code marker}. */
    private static String docBlock(String marker) throws Exception {
        String doc = Files.readString(DOC);
        int at = doc.indexOf(marker);
        assertThat(at).as("example marker " + marker + " in " + DOC).isPositive();
        int fence = doc.indexOf("```", at);
        int start = doc.indexOf('\n', fence) + 1;
        int end = doc.indexOf("```", start);
        return doc.substring(start, end);
    }

    @Test
    void theSignedExampleVerifiesWithTheDocumentedKeyAndItsStatedSignedContent() throws Exception {
        byte[] signed = docBlock(SIGNED_MARKER).getBytes(StandardCharsets.UTF_8);
        JsonNode tree = SnapshotCodec.readVerifiedTree(signed);
        SnapshotVerifier.trusting(List.of(SigningKeys.parsePublicKey(docBlock(KEY_MARKER)))).verify(tree);
        Matcher stated = Pattern.compile("Its signed content is\\s+`([^`]+)`").matcher(Files.readString(DOC));
        assertThat(stated.find()).isTrue();
        assertThat(new String(SnapshotSigning.signedContent(tree), StandardCharsets.UTF_8)).isEqualTo(stated.group(1));
    }

    private static byte[] resourceExample() throws Exception {
        try (InputStream in = SnapshotCodecDocumentationTest.class.getResourceAsStream("/snapshot-v1-example.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theExampleInTheDocVerifiesAndValidates() throws Exception {
        Snapshot snapshot = SnapshotCodec.read(docExample().getBytes(StandardCharsets.UTF_8));
        assertThat(snapshot.flags()).extracting(f -> f.key()).containsExactly("new-checkout", "payments-v2");
        assertThat(Validator.validateSnapshot(snapshot, Validator.Mode.STRICT)).isEmpty();
    }

    @Test
    void theDocAndTheTestResourceHoldTheSameExample() throws Exception {
        JsonNode fromDoc = SnapshotCodec.mapper().readTree(docExample());
        JsonNode fromResource = SnapshotCodec.mapper().readTree(resourceExample());
        assertThat(fromDoc).isEqualTo(fromResource);
        Snapshot read = SnapshotCodec.read(resourceExample());
        assertThat(read.contentHash()).isEqualTo(fromDoc.get(SnapshotCodec.HASH_FIELD).textValue());
        // Writing the model back reproduces the published hash: the example has no member the model drops.
        assertThat(SnapshotCodec.read(SnapshotCodec.write(read)).contentHash()).isEqualTo(read.contentHash());
    }

    @Test
    void theStatedCanonicalLengthIsRight() throws Exception {
        Matcher m = Pattern.compile("\\((\\d[\\d,]*) bytes\\)").matcher(Files.readString(DOC));
        assertThat(m.find()).isTrue();
        JsonNode tree = SnapshotCodec.mapper().readTree(resourceExample());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove(SnapshotCodec.HASH_FIELD);
        assertThat(SnapshotCodec.canonicalBytes(tree).length).isEqualTo(Integer.parseInt(m.group(1).replace(",", "")));
    }

    @Test
    void theSchemaDescribesExactlyTheMembersTheModelWrites() throws Exception {
        JsonNode schema;
        try (InputStream in = SnapshotCodec.class.getResourceAsStream(SnapshotCodec.SCHEMA_RESOURCE)) {
            schema = SnapshotCodec.mapper().readTree(in);
        }
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        JsonNode example = SnapshotCodec.mapper().readTree(resourceExample());
        // Every member the example has, plus the one it cannot show without a broken flag, plus the compiler's
        // signature (the model does not hold it).
        Set<String> topLevel = new TreeSet<>(names(example));
        topLevel.add("malformedFlags");
        topLevel.add(SnapshotSigning.SIGNATURE_FIELD);
        assertThat(names(schema.path("properties"))).isEqualTo(topLevel);
        assertThat(names(schema.at("/$defs/malformedFlag/properties"))).containsExactlyInAnyOrder("key", "problems");
        assertThat(names(schema.at("/$defs/signature/properties")))
                .isEqualTo(names(SnapshotCodec.mapper().readTree(docBlock(SIGNED_MARKER)).get("signature")));
        // The example's first flag and its segment use every member of flag / segment except the optional ones.
        Set<String> flagMembers = names(schema.at("/$defs/flag/properties"));
        assertThat(flagMembers).containsAll(names(example.at("/flags/0"))).containsAll(names(example.at("/flags/1")));
        assertThat(flagMembers).containsExactlyInAnyOrder("key", "type", "variations", "version", "on", "offVariation",
                "salt", "targets", "prerequisites", "rules", "fallthrough", "staleness");
        assertThat(names(schema.at("/$defs/segment/properties"))).containsExactlyInAnyOrder("key", "name", "description",
                "included", "excluded", "rules", "salt", "version");
        assertThat(names(schema.at("/$defs/rule/properties"))).containsExactlyInAnyOrder("id", "description", "clauses", "serve");
        assertThat(names(schema.at("/$defs/clause/properties"))).containsExactlyInAnyOrder("attribute", "operator",
                "values", "negate", "contextKind");
        assertThat(names(schema.at("/$defs/rollout/properties"))).containsExactlyInAnyOrder("bucketBy", "contextKind",
                "variations");
        assertThat(schema.at("/$defs/key/pattern").asText()).isEqualTo(dev.vexil.validate.KeyRules.KEY_REGEX);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
