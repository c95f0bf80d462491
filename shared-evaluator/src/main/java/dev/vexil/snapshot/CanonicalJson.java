package dev.vexil.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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

    /** {@code "sha256:" + lowercase hex(SHA-256(canonical bytes of node))}. */
    public static String sha256(JsonNode node) {
        return "sha256:" + HexFormat.of().formatHex(sha256Bytes(bytes(node)));
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
    static int compareCodePoints(String a, String b) {
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
