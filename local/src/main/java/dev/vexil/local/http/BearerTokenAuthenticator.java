package dev.vexil.local.http;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local-mode auth: {@code Authorization: Bearer <token>} with the one admin token. The principal is the
 * {@code X-Vexil-Principal} header when given (so scripts and tests can act as several people), else the token's
 * name, e.g. {@code local-admin}.
 */
public final class BearerTokenAuthenticator implements Authenticator {
    static final String PRINCIPAL_HEADER = "X-Vexil-Principal";
    private static final Pattern PRINCIPAL = Pattern.compile("[\\p{Graph}]{1,256}");

    private final String tokenName;
    private final byte[] token;

    public BearerTokenAuthenticator(String tokenName, String token) {
        this.tokenName = tokenName;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> principalOf(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token)) { // constant time
            return Optional.empty();
        }
        String asserted = headers.getFirst(PRINCIPAL_HEADER);
        if (asserted != null && PRINCIPAL.matcher(asserted.trim()).matches()) {
            return Optional.of(asserted.trim());
        }
        return Optional.of(tokenName);
    }
}
