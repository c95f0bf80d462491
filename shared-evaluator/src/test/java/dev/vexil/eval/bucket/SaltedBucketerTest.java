package dev.vexil.eval.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

/** Cross-checks the streaming hasher against the reference MurmurHash3 of commons-codec. */
class SaltedBucketerTest {
    static int reference(String salt, String value) {
        byte[] bytes = (salt + "." + value).getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, 0);
    }

    static int referenceBucket(String salt, String value) {
        return (int) (((reference(salt, value) & 0xFFFFFFFFL) * 100_000) >>> 32);
    }

    @Test
    void matchesTheReferenceOnRandomStrings() {
        SplittableRandom rnd = new SplittableRandom(0xC0FFEE);
        for (int i = 0; i < 20_000; i++) {
            String salt = randomString(rnd, rnd.nextInt(9));
            String value = randomString(rnd, rnd.nextInt(40));
            SaltedBucketer bucketer = SaltedBucketer.forSalt(salt);
            assertThat(bucketer.hash(value)).as("salt=%s value=%s", salt, value).isEqualTo(reference(salt, value));
            assertThat(bucketer.bucket(value)).isEqualTo(referenceBucket(salt, value));
        }
    }

    @Test
    void matchesTheReferenceOnAsciiValuesAfterSaltsOfEveryLength() {
        // The ASCII fast path carries 0-3 salt bytes into each block; salts of length 0..7 cover every carry.
        SplittableRandom rnd = new SplittableRandom(0xA5C11);
        for (int saltLength = 0; saltLength < 8; saltLength++) {
            String salt = "saltsalt".substring(0, saltLength);
            SaltedBucketer bucketer = SaltedBucketer.forSalt(salt);
            for (int i = 0; i < 500; i++) {
                StringBuilder value = new StringBuilder();
                int length = rnd.nextInt(41);
                while (value.length() < length) {
                    value.append((char) rnd.nextInt(0x20, 0x7F));
                }
                if (rnd.nextInt(4) == 0) {
                    value.insert(rnd.nextInt(value.length() + 1), 'é'); // leave the fast path mid-value
                }
                assertThat(bucketer.hash(value.toString())).as("salt=%s value=%s", salt, value)
                        .isEqualTo(reference(salt, value.toString()));
            }
        }
    }

    @Test
    void matchesTheReferenceOnEdgeCases() {
        List<String> values = List.of("", "a", "ab", "abc", "abcd", "abcde", "é", "€", "中文", "😀", "a😀b",
                "\uD83D", "\uDE00", "x\uD83Dy", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "\u0000", "\u007F\u0080",
                "\u07FF\u0800", "\uFFFF", "\uD800\uDC00", "\uDBFF\uDFFF");
        for (String salt : List.of("", "s", "sa", "sal", "salt", "flag-key", "🚩", "ñ")) {
            SaltedBucketer bucketer = SaltedBucketer.forSalt(salt);
            for (String value : values) {
                assertThat(bucketer.hash(value)).as("salt=%s value=%s", salt, value)
                        .isEqualTo(reference(salt, value));
            }
        }
    }

    @Test
    void integersHashAsTheirDecimalString() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (String salt : List.of("", "s", "sa", "sal", "flag")) {
            SaltedBucketer bucketer = SaltedBucketer.forSalt(salt);
            for (long v : new long[] {0, 1, -1, 9, 10, 99, 100, 12345, -987654321, Long.MAX_VALUE, Long.MIN_VALUE,
                    Integer.MAX_VALUE, Integer.MIN_VALUE, 1_000_000_000_000_000_000L}) {
                assertThat(bucketer.hash(v)).as("%s", v).isEqualTo(reference(salt, Long.toString(v)));
            }
            for (int i = 0; i < 2000; i++) {
                long v = rnd.nextLong() >> rnd.nextInt(64);
                assertThat(bucketer.hash(v)).as("%s", v).isEqualTo(reference(salt, Long.toString(v)));
            }
        }
    }

    @Test
    void bucketsSpanTheWholeRange() {
        assertThat(SaltedBucketer.toBucket(0)).isZero();
        assertThat(SaltedBucketer.toBucket(-1)).isEqualTo(99_999);
        assertThat(SaltedBucketer.toBucket(Integer.MIN_VALUE)).isEqualTo(50_000);
    }

    /** Mixes ASCII, 2- and 3-byte BMP chars, surrogate pairs and the occasional unpaired surrogate. */
    static String randomString(SplittableRandom rnd, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            switch (rnd.nextInt(10)) {
                case 0 -> sb.append((char) rnd.nextInt(0x80, 0x800));
                case 1 -> sb.append((char) rnd.nextInt(0x800, 0xD800));
                case 2 -> sb.appendCodePoint(rnd.nextInt(0x10000, 0x110000));
                case 3 -> sb.append((char) rnd.nextInt(0xD800, 0xE000)); // unpaired, usually
                default -> sb.append((char) rnd.nextInt(0x20, 0x7F));
            }
        }
        return sb.toString();
    }
}
