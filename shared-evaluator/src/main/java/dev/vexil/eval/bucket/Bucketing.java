package dev.vexil.eval.bucket;

import dev.vexil.eval.Context;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Picks the value a rollout buckets by. A string is hashed as is; an integer number (an integral Integer, Long,
 * Short, Byte, BigInteger in long range, or a Double/Float/BigDecimal with no fractional part) as its decimal
 * string; anything else (missing, boolean, fractional number, list) cannot be bucketed by and yields
 * {@link #UNUSABLE}, so that the caller falls back to the context key.
 */
public final class Bucketing {
    /** Returned when the bucketBy attribute is missing or of a type that cannot be bucketed by. */
    public static final int UNUSABLE = -1;

    private static final double TWO_POW_63 = 9.223372036854775807E18;

    private Bucketing() {
    }

    /**
     * The bucket of one single-kind context. {@code bucketBy} null means the context key; a keyless context then
     * yields {@link #UNUSABLE}.
     */
    public static int bucketOf(Context part, String bucketBy, SaltedBucketer bucketer) {
        if (bucketBy == null) {
            String key = part.key();
            return key == null ? UNUSABLE : bucketer.bucket(key);
        }
        Object value = part.get(bucketBy);
        if (value instanceof String s) {
            return bucketer.bucket(s);
        }
        if (value instanceof Number number && isIntegral(number)) {
            return bucketer.bucket(number.longValue());
        }
        return UNUSABLE;
    }

    /** Normalizes a model's bucketBy: absent, empty or {@code "key"} all mean the context key (null). */
    public static String normalizeBucketBy(String bucketBy) {
        return bucketBy == null || bucketBy.isEmpty() || "key".equals(bucketBy) ? null : bucketBy.intern();
    }

    static boolean isIntegral(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte) {
            return true;
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64;
        }
        if (number instanceof BigDecimal dec) {
            try {
                dec.longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }
        double d = number.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < TWO_POW_63;
    }
}
