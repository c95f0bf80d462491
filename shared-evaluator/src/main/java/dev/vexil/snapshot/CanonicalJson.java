package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The canonical JSON form of a Jackson tree (docs/snapshot-format.md, "Canonical form"): UTF-8, no whitespace,
 * object members sorted by the Unicode code points of their names, arrays in order, integers as plain decimal
 * digits, other numbers as {@link Double#toString(double)}, strings with minimal escaping.
 *
 * <p>Written by hand rather than through a Jackson generator so that every byte is pinned down by this class and
 * the document, not by generator defaults that could change between Jackson versions.
 */
public final class CanonicalJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, node);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical UTF-8 bytes of {@code object} without its member {@code name} (if it has one), copying nothing. */
    public static byte[] bytesWithout(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        StringBuilder sb = new StringBuilder(256);
        appendObject(sb, object, name, null);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code "sha256:" + lowercase hex(SHA-256(canonical bytes of node))}. */
    public static String sha256(JsonNode node) {
        return sha256(bytes(node));
    }

    /** {@code "sha256:" + lowercase hex(SHA-256(canonicalBytes))}. */
    public static String sha256(byte[] canonicalBytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256Bytes(canonicalBytes));
    }

    /** A string member computed from an object's canonical bytes, and the canonical bytes with it added. */
    public record WithDerivedMember(String value, byte[] bytes) {
    }

    /**
     * Renders {@code object} once, computes a string member from those bytes (a content hash, say), and returns
     * the canonical bytes of the object with that member added: the same bytes as adding the member and rendering
     * again, for the cost of one rendering and a copy.
     *
     * @throws IllegalArgumentException if {@code object} is not an object or already has a member {@code name}
     */
    public static WithDerivedMember withDerivedMember(JsonNode object, String name, Function<byte[], String> derive) {
        if (object == null || !object.isObject() || object.has(name)) {
            throw new IllegalArgumentException("expected an object without a member " + name);
        }
        StringBuilder sb = new StringBuilder(256);
        int insertAt = appendObject(sb, object, null, name);
        String without = sb.toString();
        String value = derive.apply(without.getBytes(StandardCharsets.UTF_8));

        boolean first = insertAt == 1; // right after '{'
        StringBuilder added = new StringBuilder(64);
        if (!first) {
            added.append(',');
        }
        appendString(added, name);
        added.append(':');
        appendString(added, value);
        if (first && without.length() > 2) { // other members follow
            added.append(',');
        }
        String with = new StringBuilder(without.length() + added.length())
                .append(without, 0, insertAt).append(added).append(without, insertAt, without.length()).toString();
        return new WithDerivedMember(value, with.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The length in bytes of {@code node}'s canonical form, computed without rendering it (for size limits).
     *
     * @throws IllegalArgumentException for a number with no JSON form, as {@link #bytes} does
     */
    public static long byteLength(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> objectByteLength(node, null);
            case ARRAY -> {
                long length = 2 + Math.max(0, node.size() - 1);
                for (int i = 0; i < node.size(); i++) {
                    length += byteLength(node.get(i));
                }
                yield length;
            }
            case STRING -> stringByteLength(node.textValue());
            case NUMBER -> numberText(node).length();
            case BOOLEAN -> node.booleanValue() ? 4 : 5;
            case NULL -> 4;
            default -> throw new IllegalArgumentException("not representable in JSON: " + node.getNodeType());
        };
    }

    /** {@link #byteLength} of an object with only the members named in {@code members}. */
    public static long byteLength(JsonNode object, Set<String> members) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("expected an object, got " + object.getNodeType());
        }
        return objectByteLength(object, members);
    }

    private static long objectByteLength(JsonNode object, Set<String> only) {
        long length = 2;
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (only == null || only.contains(member.getKey())) {
                length += stringByteLength(member.getKey()) + 1 + byteLength(member.getValue());
                count++;
            }
        }
        return length + Math.max(0, count - 1);
    }

    /** What {@link #appendString} writes, in UTF-8 bytes. */
    private static long stringByteLength(String s) {
        long length = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                length += 2;
            } else if (c < 0x20) {
                length += 6;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (!Character.isSurrogate(c)) {
                length += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 6; // a lone surrogate, escaped
            }
        }
        return length;
    }

    static byte[] sha256Bytes(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static void append(StringBuilder sb, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> appendObject(sb, node, null, null);
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

    /**
     * Appends {@code node} without its member {@code skipped} (if not null). Returns where in {@code sb} a member
     * named {@code placeOf} would go in canonical order: just before the comma of the first member that sorts after
     * it, or before the closing brace; -1 when {@code placeOf} is null.
     */
    private static int appendObject(StringBuilder sb, JsonNode node, String skipped, String placeOf) {
        List<Map.Entry<String, JsonNode>> members = sortedMembers(node);
        sb.append('{');
        int opened = sb.length();
        int place = -1;
        for (Map.Entry<String, JsonNode> member : members) {
            if (member.getKey().equals(skipped)) {
                continue;
            }
            if (placeOf != null && place < 0 && compareCodePoints(member.getKey(), placeOf) > 0) {
                place = sb.length();
            }
            if (sb.length() > opened) {
                sb.append(',');
            }
            appendString(sb, member.getKey());
            sb.append(':');
            append(sb, member.getValue());
        }
        if (placeOf != null && place < 0) {
            place = sb.length();
        }
        sb.append('}');
        return place;
    }

    private static List<Map.Entry<String, JsonNode>> sortedMembers(JsonNode node) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            members.add(it.next());
        }
        members.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
        return members;
    }

    /**
     * Orders by Unicode code point. {@link String#compareTo} compares UTF-16 units, which puts U+10000 and above
     * before U+E000..U+FFFF; code point order is what a reader in any other language gets naturally. Up to the
     * first differing unit the two orders agree; they can only disagree there when a surrogate is involved, so
     * only then are code points decoded.
     */
    static int compareCodePoints(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return Character.isSurrogate(ca) || Character.isSurrogate(cb) ? compareDecoded(a, b)
                        : Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int compareDecoded(String a, String b) {
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
        if (isMachineInteger(node)) {
            sb.append(node.longValue()); // no BigInteger for the common case
        } else {
            sb.append(numberText(node));
        }
    }

    private static boolean isMachineInteger(JsonNode node) {
        return node.isInt() || node.isLong() || node.isShort();
    }

    private static String numberText(JsonNode node) {
        if (isMachineInteger(node)) {
            return Long.toString(node.longValue());
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        // A parsed non-integer is a double (Jackson's default); BigDecimal/float nodes built in code are
        // reduced to the same double so that writing and re-reading give identical bytes.
        double d = node.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no representation for " + d);
        }
        return Double.toString(d);
    }

    /** Copies runs of characters that need no escape in one append each: most strings are one such run. */
    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        int length = s.length();
        int runStart = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a valid pair is copied as it is, with the run
                continue;
            }
            sb.append(s, runStart, i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                // Other control characters must be escaped; a lone surrogate has no UTF-8 form.
                default -> sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
            runStart = i + 1;
        }
        if (runStart == 0) {
            sb.append(s);
        } else {
            sb.append(s, runStart, length);
        }
        sb.append('"');
    }
}
