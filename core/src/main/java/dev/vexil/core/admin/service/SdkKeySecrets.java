package dev.vexil.core.admin.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SDK key secrets: {@code sdk-} followed by 43 base64url characters (32 random bytes, no padding). Only
 * {@code hex(SHA-256(utf8(secret)))} is ever stored; the edge computes the same hash to look a key up.
 */
public final class SdkKeySecrets {
    public static final String PREFIX = "sdk-";
    /** {@code sdk-} plus 43 base64url characters. */
    public static final int LENGTH = 47;
    private static final int SECRET_BYTES = 32;
    private static final int ID_BYTES = 8;

    /**
     * A fresh generator per key rather than one kept in a field: under SnapStart every execution environment
     * resumes from the same snapshot, and a generator created before it would be shared by all of them.
     * Keys are created rarely, so the cost does not matter.
     */
    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public String newSecret() {
        byte[] bytes = randomBytes(SECRET_BYTES);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short public id for URLs and lists: 16 lower-case hex characters, unrelated to the secret. */
    public String newId() {
        byte[] bytes = randomBytes(ID_BYTES);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Whether a presented credential has the shape of an SDK key. The edge answers 401 (no credential) to anything
     * else before it hashes or looks anything up, on AWS (the CloudFront Function) and locally alike.
     */
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

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
