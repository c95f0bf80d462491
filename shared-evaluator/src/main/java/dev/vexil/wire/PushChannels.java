package dev.vexil.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The push channel of an environment: {@code /vexil/<32 hex digits>}, the first 128 bits of
 * SHA-256({@code <project>/<env>}). AppSync Events allows only letters, digits and {@code -} in a channel segment,
 * at most 50 characters, while Vexil keys may hold {@code .} and {@code _} and run to 64 characters; a hash fits
 * every key and every rule. The SDK (from its snapshot's project and environment), the compiler and both authorizers
 * compute it here, so they always agree.
 */
public final class PushChannels {
    /** The AppSync Events channel namespace (also the channel's first segment). */
    public static final String NAMESPACE = "vexil";

    private PushChannels() {
    }

    /** The channel of {@code environment}. */
    public static String of(EnvironmentId environment) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(environment.toString().getBytes(StandardCharsets.UTF_8));
            return "/" + NAMESPACE + "/" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
