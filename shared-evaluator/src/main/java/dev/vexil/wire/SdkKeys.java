package dev.vexil.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The SDK key: the secret an application presents to the edge as {@code Authorization}. It is {@code sdk-}
 * followed by 43 base64url characters (32 random bytes, no padding). Only {@link #hash} of it is ever stored;
 * the edge (the CloudFront Function on AWS, the local edge) computes the same hash to look the key up, after
 * answering 401 to anything that is not {@link #isWellFormed well formed}.
 */
public final class SdkKeys {
    public static final String PREFIX = "sdk-";
    /** {@code sdk-} plus 43 base64url characters. */
    public static final int LENGTH = 47;
    private static final int SECRET_BYTES = 32;

    private SdkKeys() {
    }

    /**
     * A new random secret. A fresh generator per key rather than one kept in a field: under Lambda SnapStart every
     * execution environment resumes from the same snapshot, and a generator created before it would be shared by
     * all of them. Keys are created rarely, so the cost does not matter.
     */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a presented credential has the shape of an SDK key (null and any other shape: false). */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = candidate.charAt(i);
            boolean base64url = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /** {@code hex(SHA-256(utf8(secret)))}, lowercase: the only form in which an SDK key is stored or looked up. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
