package dev.vexil.core.admin.access;

import java.util.Optional;

/**
 * The principal of a JWT caller: {@code <iss>#<sub>}, e.g. {@code https://auth.example.com/#248289761001}.
 * A {@code sub} is unique only within its issuer, so the subject alone could match a user of another identity
 * provider that the authorizer also trusts. A token without {@code iss} names no principal.
 */
public final class JwtPrincipals {
    public static final String SEPARATOR = "#";

    private JwtPrincipals() {
    }

    public static Optional<CallerIdentity> of(String issuer, String subject) {
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(CallerIdentity.of(issuer + SEPARATOR + subject));
    }
}
