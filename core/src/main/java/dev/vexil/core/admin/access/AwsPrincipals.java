package dev.vexil.core.admin.access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM caller ARNs as the admin API uses them.
 *
 * <p>A caller that assumed a role arrives as {@code arn:<partition>:sts::<account>:assumed-role/<Role>/<Session>}.
 * The session name is chosen by whoever assumes the role, so authorising by the whole session ARN would let
 * anyone who may assume a shared role impersonate every person granted by a session ARN. The principal is
 * therefore the role, {@code arn:<partition>:iam::<account>:role/<Role>}, and the session name is kept apart for
 * the audit trail only.
 *
 * <p>The STS ARN carries no role path (an Identity Center role lives under
 * {@code /aws-reserved/sso.amazonaws.com/<region>/}, but its session ARN does not say so). Role names are unique
 * within an account whatever their path, so Vexil names roles without their path: a grant written with a path is
 * stored without it ({@link #grantKey}), and both forms match the same callers.
 */
public final class AwsPrincipals {
    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/(.+)");
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:.*/)?([^/]+)");

    private AwsPrincipals() {
    }

    /** The identity of an IAM caller from its {@code userArn}; other strings are principals as they are. */
    public static CallerIdentity fromCallerArn(String userArn) {
        Matcher session = ASSUMED_ROLE.matcher(userArn);
        if (session.matches()) {
            return new CallerIdentity(roleArn(session.group(1), session.group(2), session.group(3)), session.group(4));
        }
        return CallerIdentity.of(grantKey(userArn));
    }

    /** How a grant's principal is stored and compared: role ARNs lose their path, anything else is kept. */
    public static String grantKey(String principal) {
        Matcher role = ROLE.matcher(principal);
        return role.matches() ? roleArn(role.group(1), role.group(2), role.group(3)) : principal;
    }

    /** Why a grant cannot be written as given, or empty: session ARNs never match a caller. */
    public static Optional<String> grantProblem(String principal) {
        Matcher session = ASSUMED_ROLE.matcher(principal);
        if (session.matches()) {
            return Optional.of("an STS session ARN never matches a caller, because callers are authorised by their"
                    + " role; grant the role instead: " + roleArn(session.group(1), session.group(2), session.group(3)));
        }
        return Optional.empty();
    }

    private static String roleArn(String partition, String account, String roleName) {
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
    }
}
