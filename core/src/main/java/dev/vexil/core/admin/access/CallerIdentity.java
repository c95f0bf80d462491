package dev.vexil.core.admin.access;

import java.util.Objects;

/**
 * Who is calling, as the admin API authorises and records it. {@code principal} is what grants name and what
 * history shows as the author: an IAM user ARN, an IAM role ARN (never an STS session ARN, see
 * {@link AwsPrincipals}), {@code <iss>#<sub>} for a JWT ({@link JwtPrincipals}), or the local token's name.
 * {@code sessionName} is the STS role session name when the caller used a role, else null: it is chosen by
 * whoever assumed the role, so it is recorded for the audit trail but never used to grant anything.
 */
public record CallerIdentity(String principal, String sessionName) {
    public CallerIdentity {
        Objects.requireNonNull(principal, "principal");
        sessionName = sessionName == null || sessionName.isBlank() ? null : sessionName;
    }

    public static CallerIdentity of(String principal) {
        return new CallerIdentity(principal, null);
    }
}
