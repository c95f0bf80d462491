package dev.vexil.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@link CanonicalJson} against a straightforward reference writer (its first version, character by
 * character), over random trees full of what canonical form must get right: escapes, control characters, paired
 * and lone surrogates, non-ASCII member names whose UTF-16 and code-point orders differ, and every number kind.
 */
class CanonicalJsonReferenceTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final char[] ALPHABET = {'a', 'b', 'B', 'z', '0', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f',
            ' ', '\u007f', '\u00e9', '\u2028', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uff21',
            '\uffff'};

    @Test
    void randomTreesGiveExactlyTheReferenceBytes() {
        SplittableRandom random = new SplittableRandom(20261201);
        for (int i = 0; i < 5_000; i++) {
            JsonNode tree = randomNode(random, 0);
            assertThat(new String(CanonicalJson.bytes(tree), StandardCharsets.UTF_8)).as("tree %s", tree)
                    .isEqualTo(Reference.canonical(tree));
        }
    }

    @Test
    void theCountedLengthIsTheRenderedLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            JsonNode tree = randomNode(random, 0);
            assertThat(CanonicalJson.byteLength(tree)).as("tree %s", tree).isEqualTo(CanonicalJson.bytes(tree).length);
        }
    }

    @Test
    void theLengthOfSomeMembersIsTheLengthOfACopyWithOnlyThem() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            ObjectNode object = randomObject(random);
            java.util.Set<String> kept = new java.util.HashSet<>();
            object.fieldNames().forEachRemaining(name -> {
                if (random.nextBoolean()) {
                    kept.add(name);
                }
            });
            ObjectNode copy = object.deepCopy();
            copy.retain(kept);
            assertThat(CanonicalJson.byteLength(object, kept)).isEqualTo(CanonicalJson.bytes(copy).length);
        }
    }

    @Test
    void aDerivedMemberGivesTheBytesOfAddingItAndRenderingAgain() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 3_000; i++) {
            ObjectNode object = randomObject(random);
            String name = random.nextInt(4) == 0 ? "contentHash" : randomString(random);
            if (object.has(name)) {
                continue;
            }
            String before = new String(CanonicalJson.bytes(object), StandardCharsets.UTF_8);
            CanonicalJson.WithDerivedMember derived = CanonicalJson.withDerivedMember(object, name,
                    bytes -> CanonicalJson.sha256(bytes) + randomString(new SplittableRandom(bytes.length)));

            assertThat(derived.value()).startsWith(CanonicalJson.sha256(CanonicalJson.bytes(object)));
            assertThat(new String(CanonicalJson.bytes(object), StandardCharsets.UTF_8)).as("unchanged").isEqualTo(before);
            ObjectNode added = object.deepCopy().put(name, derived.value());
            assertThat(new String(derived.bytes(), StandardCharsets.UTF_8)).as("object %s + %s", object, name)
                    .isEqualTo(Reference.canonical(added));
        }
    }

    @Test
    void renderingWithoutAMemberIsRenderingACopyWithoutIt() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 2_000; i++) {
            ObjectNode object = randomObject(random);
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String skipped = names.isEmpty() || random.nextInt(4) == 0 ? "absent" : names.get(random.nextInt(names.size()));
            ObjectNode copy = object.deepCopy();
            copy.remove(skipped);
            assertThat(new String(CanonicalJson.bytesWithout(object, skipped), StandardCharsets.UTF_8))
                    .isEqualTo(Reference.canonical(copy));
            assertThat(object.has(skipped)).isEqualTo(names.contains(skipped));
        }
    }

    private static ObjectNode randomObject(SplittableRandom random) {
        ObjectNode object = NODES.objectNode();
        for (int n = random.nextInt(6); n > 0; n--) {
            object.set(randomString(random), randomNode(random, 1));
        }
        return object;
    }

    private static JsonNode randomNode(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.textNode(randomString(random));
            case 1 -> NODES.numberNode(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> random.nextBoolean() ? NODES.numberNode(random.nextDouble() * 1e6)
                    : NODES.numberNode(new BigInteger(80, new java.util.Random(random.nextLong())).negate());
            case 4 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int n = random.nextInt(5); n > 0; n--) {
                    array.add(randomNode(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int n = random.nextInt(6); n > 0; n--) {
                    object.set(randomString(random), randomNode(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomString(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            int pick = random.nextInt(10);
            if (pick < 4) {
                sb.append((char) ('a' + random.nextInt(26))); // long plain runs, the common case
            } else if (pick < 5) {
                sb.append("\uD83D\uDE80"); // a paired surrogate
            } else {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return sb.toString();
    }

    /** The first, character-by-character version of the writer, kept as the specification in code. */
    private static final class Reference {
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        static String canonical(JsonNode node) {
            StringBuilder sb = new StringBuilder();
            append(sb, node);
            return new String(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }

        private static void append(StringBuilder sb, JsonNode node) {
            switch (node.getNodeType()) {
                case OBJECT -> appendObject(sb, node);
                case ARRAY -> {
                    sb.append('[');
                    for (int i = 0; i < node.size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        append(sb, node.get(i));
                    }
                    sb.append(']');
                }
                case STRING -> appendString(sb, node.textValue());
                case NUMBER -> appendNumber(sb, node);
                case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
                case NULL -> sb.append("null");
                default -> throw new IllegalArgumentException("not representable in JSON: " + node.getNodeType());
            }
        }

        private static void appendObject(StringBuilder sb, JsonNode node) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                members.add(it.next());
            }
            members.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
            sb.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendString(sb, members.get(i).getKey());
                sb.append(':');
                append(sb, members.get(i).getValue());
            }
            sb.append('}');
        }

        /**
         * Orders by Unicode code point. {@link String#compareTo} compares UTF-16 units, which puts U+10000 and above
         * before U+E000..U+FFFF; code point order is what a reader in any other language gets naturally.
         */
        private static int compareCodePoints(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }

        private static void appendNumber(StringBuilder sb, JsonNode node) {
            if (node.isIntegralNumber()) {
                sb.append(node.bigIntegerValue().toString());
            } else {
                // A parsed non-integer is a double (Jackson's default); BigDecimal/float nodes built in code are
                // reduced to the same double so that writing and re-reading give identical bytes.
                double d = node.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("JSON has no representation for " + d);
                }
                sb.append(Double.toString(d));
            }
        }

        private static void appendString(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || isLoneSurrogate(s, i)) {
                            // Control characters must be escaped; a lone surrogate has no UTF-8 form.
                            sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                    .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                        } else {
                            sb.append(c);
                            if (Character.isHighSurrogate(c)) {
                                sb.append(s.charAt(++i)); // the paired low surrogate
                            }
                        }
                    }
                }
            }
            sb.append('"');
        }

        private static boolean isLoneSurrogate(String s, int i) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
            }
            return Character.isLowSurrogate(c); // a low surrogate reached here has no high one before it
        }
    }
}
