package dev.vexil.cdk;

import java.util.List;
import java.util.Objects;

/** How callers of the admin API authenticate: IAM (SigV4, the default) or JWTs from an OpenID Connect issuer. */
public sealed interface AdminAuth {

    static AdminAuth iam() {
        return new Iam();
    }

    static AdminAuth jwt(String issuer, List<String> audience) {
        return new Jwt(issuer, audience);
    }

    /**
     * Every route requires a SigV4-signed request; the handler records the caller's IAM ARN (a role session as its
     * role ARN, with the session name kept as an audit field).
     */
    record Iam() implements AdminAuth {
    }

    /**
     * Every route requires a bearer JWT from {@code issuer} for one of {@code audience}; the handler records
     * {@code <iss>#<sub>}.
     */
    record Jwt(String issuer, List<String> audience) implements AdminAuth {
        public Jwt {
            Objects.requireNonNull(issuer, "issuer");
            if (!issuer.startsWith("https://")) {
                throw new IllegalArgumentException("JWT issuer must be an https:// URL, got: " + issuer);
            }
            audience = List.copyOf(audience);
            if (audience.isEmpty()) {
                throw new IllegalArgumentException("JWT audience must name at least one client id");
            }
        }
    }
}
