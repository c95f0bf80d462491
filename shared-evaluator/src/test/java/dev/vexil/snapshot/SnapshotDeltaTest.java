package dev.vexil.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Deltas: built between two versions, applied back to exactly the target's bytes, refused when they do not fit. */
class SnapshotDeltaTest {
    private static final KeyPair KEY = SigningKeys.generate();

    private static ObjectNode unsealed(long version, String... flagsOn) {
        ObjectNode doc = SnapshotCodec.mapper().createObjectNode();
        doc.put("schemaVersion", 1).put("project", "shop").put("environment", "prod").put("version", version)
                .put("generatedAt", "2026-12-01T19:00:" + (10 + version % 50) + "Z");
        ArrayNode flags = doc.putArray("flags");
        for (String spec : flagsOn) {
            String[] parts = spec.split("=");
            ObjectNode flag = flags.addObject();
            flag.put("key", parts[0]).put("type", "boolean");
            flag.putArray("variations").add(SnapshotCodec.mapper().createObjectNode().put("value", true))
                    .add(SnapshotCodec.mapper().createObjectNode().put("value", false));
            flag.put("on", Boolean.parseBoolean(parts[1])).put("offVariation", 1);
            flag.putObject("fallthrough").put("variation", 0);
        }
        doc.putArray("segments").addObject().put("key", "beta").putArray("included").add("v" + version);
        return doc;
    }

    private static JsonNode signed(ObjectNode unsealed) throws SnapshotFormatException {
        return SnapshotCodec.readVerifiedTree(SnapshotSignatureTest.signedBytes(unsealed, KEY));
    }

    @Test
    void applyingTheDeltaRebuildsTheTargetByteForByteSignatureIncluded() throws Exception {
        JsonNode from = signed(unsealed(41, "a=true", "b=true", "c=false"));
        JsonNode to = signed(unsealed(42, "a=true", "b=false", "d=true")); // b changed, c removed, d added

        ObjectNode delta = SnapshotDelta.read(SnapshotDelta.write(SnapshotDelta.between(from, to)));
        byte[] rebuilt = SnapshotDelta.apply(from, delta);

        assertThat(rebuilt).isEqualTo(SnapshotCodec.canonicalBytes(to));
        SnapshotVerifier.trusting(List.of(KEY.getPublic())).verify(SnapshotCodec.readVerifiedTree(rebuilt));
        assertThat(delta.get("flags").size()).isEqualTo(2);
        assertThat(delta.get("flags").get(0).get("key").asText()).isEqualTo("b");
        assertThat(delta.get("removedFlags").get(0).asText()).isEqualTo("c");
        assertThat(delta.get("members").has("signature")).isTrue();
        assertThat(delta.get("members").has("schemaVersion")).isFalse();
        assertThat(SnapshotDelta.from(delta)).isEqualTo(new SnapshotDelta.End(41, from.get("contentHash").asText()));
        assertThat(SnapshotDelta.to(delta)).isEqualTo(new SnapshotDelta.End(42, to.get("contentHash").asText()));
    }

    @Test
    void aMemberDroppedInTheTargetIsRemoved() throws Exception {
        ObjectNode withExtra = unsealed(1, "a=true");
        withExtra.putArray("malformedFlags");
        JsonNode from = signed(withExtra);
        JsonNode to = signed(unsealed(2, "a=true"));

        byte[] rebuilt = SnapshotDelta.apply(from, SnapshotDelta.between(from, to));

        assertThat(SnapshotCodec.readVerifiedTree(rebuilt).has("malformedFlags")).isFalse();
    }

    @Test
    void aDeltaForAnotherSourceIsRefused() throws Exception {
        JsonNode from = signed(unsealed(41, "a=true"));
        JsonNode other = signed(unsealed(40, "a=false"));
        JsonNode to = signed(unsealed(42, "a=false"));

        assertThatThrownBy(() -> SnapshotDelta.apply(other, SnapshotDelta.between(from, to)))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("not for the snapshot held");
    }

    @Test
    void aTamperedDeltaIsRefusedBecauseItsResultDoesNotHashToTheTarget() throws Exception {
        JsonNode from = signed(unsealed(41, "a=true"));
        JsonNode to = signed(unsealed(42, "a=false"));
        ObjectNode delta = SnapshotDelta.between(from, to);
        ((ObjectNode) delta.get("flags").get(0)).put("on", true);

        assertThatThrownBy(() -> SnapshotDelta.apply(from, delta))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("not to the target's");
    }

    @Test
    void malformedDeltasAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SnapshotDelta.read("[1]".getBytes()))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> SnapshotDelta.read("{\"deltaFormat\":2}".getBytes()))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("unsupported deltaFormat 2");
        assertThatThrownBy(() -> SnapshotDelta.read("{\"deltaFormat\":1,\"from\":{}}".getBytes()))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("from must be");
        assertThatThrownBy(() -> SnapshotDelta.read("not json".getBytes()))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void aFlagWithoutAKeyInTheDeltaIsRefusedNotThrownAsAnUncheckedError() throws Exception {
        JsonNode from = signed(unsealed(41, "a=true"));
        JsonNode to = signed(unsealed(42, "a=false"));
        ObjectNode delta = SnapshotDelta.between(from, to);
        ((ArrayNode) delta.get("flags")).addObject().put("on", true);

        assertThatThrownBy(() -> SnapshotDelta.apply(from, delta))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("without a string key");
    }

    @Test
    void theSchemaNamesExactlyTheMembersWritten() throws Exception {
        JsonNode schema;
        try (InputStream in = SnapshotDelta.class.getResourceAsStream(SnapshotDelta.SCHEMA_RESOURCE)) {
            schema = SnapshotCodec.mapper().readTree(in);
        }
        JsonNode from = signed(unsealed(1, "a=true"));
        JsonNode delta = SnapshotDelta.between(from, signed(unsealed(2, "a=false")));
        assertThat(names(schema.get("properties"))).isEqualTo(names(delta));
        assertThat(names(schema.at("/$defs/end/properties"))).isEqualTo(names(delta.get("from")));
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(r -> required.add(r.asText()));
        assertThat(required).isEqualTo(names(delta));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
