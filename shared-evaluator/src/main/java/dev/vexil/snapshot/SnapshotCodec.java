package dev.vexil.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Snapshot;
import java.io.IOException;
import java.util.List;

/**
 * Reads and writes snapshot format v1 (docs/snapshot-format.md): canonical JSON, SHA-256 content hash,
 * schemaVersion check. Readers ignore unknown fields but include them when verifying the hash.
 */
public final class SnapshotCodec {
    public static final String HASH_FIELD = "contentHash";
    public static final String SCHEMA_VERSION_FIELD = "schemaVersion";
    /** The JSON Schema of format v1, as a class-path resource. */
    public static final String SCHEMA_RESOURCE = "/dev/vexil/snapshot/snapshot-v1.schema.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Reads one value and leaves the trailing-content check to {@link #parse} (for a clearer message). */
    private static final ObjectReader TREE_READER = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SnapshotCodec() {
    }

    /**
     * The shared, configured Jackson mapper for the model: ignores unknown properties, omits nulls, refuses
     * duplicate object keys and trailing content. Thread-safe; do not reconfigure it.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Returns the snapshot with its {@code contentHash} computed over the canonical form. */
    public static Snapshot seal(Snapshot snapshot) {
        return snapshot.withContentHash(hashOf(MAPPER.valueToTree(snapshot)));
    }

    /**
     * Canonical UTF-8 JSON bytes of a sealed snapshot. The hash written is always the hash of the content written:
     * a null or stale {@code contentHash} (e.g. of a snapshot read from a document with fields this model drops) is
     * recomputed.
     */
    public static byte[] write(Snapshot snapshot) {
        return sealTree(MAPPER.valueToTree(snapshot.withContentHash(null))).bytes();
    }

    /**
     * Seals a snapshot tree that has no {@code contentHash}: the hash of its canonical form, and the canonical bytes
     * with the hash added, from one rendering. The tree is not changed.
     */
    public static CanonicalJson.WithDerivedMember sealTree(ObjectNode treeWithoutHash) {
        return CanonicalJson.withDerivedMember(treeWithoutHash, HASH_FIELD, CanonicalJson::sha256);
    }

    /** The canonical bytes of any tree (e.g. a flag configuration, for size limits). */
    public static byte[] canonicalBytes(JsonNode tree) {
        return CanonicalJson.bytes(tree);
    }

    /** The content hash of a snapshot tree: SHA-256 of its canonical form without the {@code contentHash} member. */
    public static String hashOf(JsonNode snapshotTree) {
        if (snapshotTree.isObject()) {
            return CanonicalJson.sha256(CanonicalJson.bytesWithout(snapshotTree, HASH_FIELD));
        }
        return CanonicalJson.sha256(snapshotTree);
    }

    /** Parses and verifies: refuses invalid JSON, an unknown schemaVersion, or a contentHash that does not match. */
    public static Snapshot read(byte[] json) throws SnapshotFormatException {
        return bind(readVerifiedTree(json));
    }

    /**
     * Binds a tree from {@link #readVerifiedTree} (after any further checks, e.g. its signature) to the model.
     *
     * @throws SnapshotFormatException if members do not fit the model (e.g. {@code "flags": "x"})
     */
    public static Snapshot bind(JsonNode tree) throws SnapshotFormatException {
        try {
            return MAPPER.treeToValue(tree, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new SnapshotFormatException("snapshot does not match format v1: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException("snapshot does not match format v1: " + e.getMessage(), e);
        }
    }

    /**
     * Parses and verifies the document, returning the tree (with unknown fields) rather than the model. Useful to
     * tools that must see every field, e.g. to validate a document before binding it.
     */
    public static JsonNode readVerifiedTree(byte[] json) throws SnapshotFormatException {
        JsonNode tree = parse(json);
        if (!tree.isObject()) {
            throw new SnapshotFormatException("a snapshot must be a JSON object, got " + JsonTypes.describe(tree));
        }
        checkSchemaVersion(tree.get(SCHEMA_VERSION_FIELD));
        JsonNode declared = tree.get(HASH_FIELD);
        if (declared == null || declared.isNull()) {
            throw new SnapshotFormatException("snapshot has no contentHash; it cannot be verified");
        }
        if (!declared.isTextual()) {
            throw new SnapshotFormatException("contentHash must be a string, got " + JsonTypes.describe(declared));
        }
        List<String> outOfRange = JsonNumbers.nonFinitePaths(tree);
        if (!outOfRange.isEmpty()) {
            throw new SnapshotFormatException("snapshot has a number too large for a 64-bit floating point value at "
                    + outOfRange.get(0));
        }
        String actual = hashOf(tree);
        if (!actual.equals(declared.textValue())) {
            throw new SnapshotFormatException("contentHash mismatch: the document says " + declared.textValue()
                    + " but its content hashes to " + actual + "; the snapshot is corrupt or was modified");
        }
        return tree;
    }

    private static JsonNode parse(byte[] json) throws SnapshotFormatException {
        if (json == null || json.length == 0) {
            throw new SnapshotFormatException("snapshot is empty");
        }
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new SnapshotFormatException("snapshot contains no JSON value");
            }
            JsonNode tree = TREE_READER.readTree(parser);
            long end = parser.currentLocation().getByteOffset();
            if (hasTrailingContent(parser)) {
                throw new SnapshotFormatException("snapshot has trailing content after the JSON document at byte "
                        + end);
            }
            return tree;
        } catch (JsonEOFException e) {
            throw new SnapshotFormatException("snapshot is truncated: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new SnapshotFormatException("snapshot is not valid JSON: " + e.getOriginalMessage()
                    + " at byte " + e.getLocation().getByteOffset(), e);
        } catch (IOException e) {
            throw new SnapshotFormatException("snapshot could not be read: " + e.getMessage(), e);
        }
    }

    private static boolean hasTrailingContent(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true; // whatever follows is not even a JSON token
        }
    }

    private static void checkSchemaVersion(JsonNode version) throws SnapshotFormatException {
        if (version == null || version.isNull()) {
            throw new SnapshotFormatException("snapshot has no schemaVersion; this reader supports "
                    + Snapshot.CURRENT_SCHEMA_VERSION);
        }
        if (!version.isIntegralNumber()) {
            throw new SnapshotFormatException("schemaVersion must be an integer, got " + JsonTypes.describe(version)
                    + "; this reader supports " + Snapshot.CURRENT_SCHEMA_VERSION);
        }
        if (!version.canConvertToInt() || version.intValue() != Snapshot.CURRENT_SCHEMA_VERSION) {
            throw new SnapshotFormatException("unsupported schemaVersion " + version.asText()
                    + "; this reader supports " + Snapshot.CURRENT_SCHEMA_VERSION);
        }
    }
}
