package dev.vexil.core.admin.service;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The public id of an SDK key, for URLs and lists: 16 lower-case hex characters, unrelated to the secret (whose
 * shape and hash live in {@link dev.vexil.wire.SdkKeys}, shared with the edges).
 */
final class SdkKeyIds {
    private static final int ID_BYTES = 8;

    private SdkKeyIds() {
    }

    /** A fresh generator per id: under SnapStart a generator created before the snapshot would be shared. */
    static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
