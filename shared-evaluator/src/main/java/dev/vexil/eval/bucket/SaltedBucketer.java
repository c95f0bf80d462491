package dev.vexil.eval.bucket;

import java.nio.charset.StandardCharsets;

/**
 * Computes {@code bucket = (murmur3_x86_32(utf8(salt + "." + value), seed 0) as unsigned * 100000) >>> 32} without
 * building the concatenated string or its bytes. The hash state after the bytes of {@code salt + "."} (full 4-byte
 * blocks mixed, 0-3 leftover bytes carried) is computed once per salt; each call then streams the UTF-8 bytes of
 * the value, encoding chars on the fly. An unpaired surrogate is encoded as {@code '?'}, as
 * {@link String#getBytes(java.nio.charset.Charset)} does, so the result always equals the reference hash of
 * {@code (salt + "." + value).getBytes(UTF_8)}. Immutable and thread-safe; hashing allocates nothing.
 */
public final class SaltedBucketer {
    /** Buckets are 0..99999: weights are in thousandths of a percent. */
    public static final int BUCKETS = 100_000;

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private final String salt;
    private final int prefixH1;
    private final int prefixTail;
    private final int prefixTailBytes;
    private final int prefixLength;

    private SaltedBucketer(String salt, int prefixH1, int prefixTail, int prefixTailBytes, int prefixLength) {
        this.salt = salt;
        this.prefixH1 = prefixH1;
        this.prefixTail = prefixTail;
        this.prefixTailBytes = prefixTailBytes;
        this.prefixLength = prefixLength;
    }

    public static SaltedBucketer forSalt(String salt) {
        byte[] prefix = (salt + ".").getBytes(StandardCharsets.UTF_8);
        int blocks = prefix.length >>> 2;
        int h1 = 0;
        for (int i = 0; i < blocks; i++) {
            int o = i << 2;
            h1 = mixBlock(h1, (prefix[o] & 0xFF) | (prefix[o + 1] & 0xFF) << 8 | (prefix[o + 2] & 0xFF) << 16
                    | (prefix[o + 3] & 0xFF) << 24);
        }
        int tailBytes = prefix.length & 3;
        int tail = 0;
        for (int j = 0; j < tailBytes; j++) {
            tail |= (prefix[(blocks << 2) + j] & 0xFF) << (j << 3);
        }
        return new SaltedBucketer(salt, h1, tail, tailBytes, prefix.length);
    }

    public String salt() {
        return salt;
    }

    /** The bucket (0..99999) of a string value. */
    public int bucket(String value) {
        return toBucket(hash(value));
    }

    /** The bucket of an integer value, hashed as its decimal string (e.g. {@code -42} as {@code "-42"}). */
    public int bucket(long value) {
        return toBucket(hash(value));
    }

    /** Scales an unsigned 32-bit hash to 0..99999. */
    public static int toBucket(int hash) {
        return (int) (((hash & 0xFFFFFFFFL) * BUCKETS) >>> 32);
    }

    /** murmur3_x86_32(utf8(salt + "." + value), seed 0). */
    public int hash(String value) {
        int h1 = prefixH1;
        int k = prefixTail;
        int n = prefixTailBytes;
        int length = prefixLength;
        int i = 0;
        int end = value.length();
        while (i < end) {
            // Fast path: four ASCII chars are four bytes. With n bytes carried (0-3), they complete the carried
            // block and leave n bytes carried again, so salts of any length take this path.
            while (i + 4 <= end) {
                char c0 = value.charAt(i);
                char c1 = value.charAt(i + 1);
                char c2 = value.charAt(i + 2);
                char c3 = value.charAt(i + 3);
                if ((c0 | c1 | c2 | c3) >= 0x80) {
                    break;
                }
                int word = c0 | c1 << 8 | c2 << 16 | c3 << 24;
                if (n == 0) {
                    h1 = mixBlock(h1, word);
                } else {
                    int shift = n << 3;
                    h1 = mixBlock(h1, k | word << shift);
                    k = word >>> (32 - shift);
                }
                i += 4;
                length += 4;
            }
            if (i >= end) {
                break;
            }
            char c = value.charAt(i++);
            int encoded;
            int count;
            if (c < 0x80) {
                encoded = c;
                count = 1;
            } else if (c < 0x800) {
                encoded = (0xC0 | c >>> 6) | (0x80 | c & 0x3F) << 8;
                count = 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(value.charAt(i))) {
                    int cp = Character.toCodePoint(c, value.charAt(i++));
                    encoded = (0xF0 | cp >>> 18) | (0x80 | cp >>> 12 & 0x3F) << 8 | (0x80 | cp >>> 6 & 0x3F) << 16
                            | (0x80 | cp & 0x3F) << 24;
                    count = 4;
                } else {
                    encoded = '?';
                    count = 1;
                }
            } else {
                encoded = (0xE0 | c >>> 12) | (0x80 | c >>> 6 & 0x3F) << 8 | (0x80 | c & 0x3F) << 16;
                count = 3;
            }
            length += count;
            for (int b = 0; b < count; b++) {
                k |= (encoded >>> (b << 3) & 0xFF) << (n << 3);
                if (++n == 4) {
                    h1 = mixBlock(h1, k);
                    k = 0;
                    n = 0;
                }
            }
        }
        return finish(h1, k, n, length);
    }

    /** murmur3_x86_32(utf8(salt + "." + Long.toString(value)), seed 0), without building the string. */
    public int hash(long value) {
        if (value == Long.MIN_VALUE) {
            return hash(Long.toString(value)); // its absolute value does not fit in a long
        }
        int h1 = prefixH1;
        int k = prefixTail;
        int n = prefixTailBytes;
        int length = prefixLength;
        boolean sign = value < 0; // emit '-' first
        long abs = sign ? -value : value;
        long power = 1;
        while (abs / power >= 10) {
            power *= 10;
        }
        while (power > 0 || sign) {
            int b;
            if (sign) {
                b = '-';
                sign = false;
            } else {
                b = '0' + (int) (abs / power % 10);
                power /= 10;
            }
            length++;
            k |= b << (n << 3);
            if (++n == 4) {
                h1 = mixBlock(h1, k);
                k = 0;
                n = 0;
            }
        }
        return finish(h1, k, n, length);
    }

    private static int mixBlock(int h1, int k1) {
        k1 *= C1;
        k1 = Integer.rotateLeft(k1, 15);
        k1 *= C2;
        h1 ^= k1;
        h1 = Integer.rotateLeft(h1, 13);
        return h1 * 5 + 0xe6546b64;
    }

    private static int finish(int h1, int tail, int tailBytes, int length) {
        if (tailBytes > 0) {
            int k1 = tail * C1;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= C2;
            h1 ^= k1;
        }
        h1 ^= length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
