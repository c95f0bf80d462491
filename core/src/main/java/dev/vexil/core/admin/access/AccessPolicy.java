package dev.vexil.core.admin.access;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stage-wide access rules that sit above the per-project roles.
 *
 * <ul>
 *   <li>{@code projectCreators}: who may create projects; each entry is a principal or a pattern where
 *       {@code *} matches any run of characters (e.g. {@code arn:aws:iam::123456789012:role/Platform*});
 *       {@code "*"} alone lets every authenticated principal create projects.
 *   <li>{@code breakGlass}: operator principals (exact) who act as admin in every project. Every request by
 *       one of them is a break-glass use: it is logged, and each change it makes is marked in its history entry.
 *       List dedicated emergency roles here, not everyday identities.
 * </ul>
 * Entries are compared with the caller's principal after normalisation ({@link AwsPrincipals#grantKey}).
 */
public record AccessPolicy(List<String> projectCreators, Set<String> breakGlass) {
    /** Anyone may create projects, nobody has break-glass: the behaviour before these rules existed. */
    public static final AccessPolicy OPEN = new AccessPolicy(List.of("*"), Set.of());

    public AccessPolicy {
        projectCreators = projectCreators.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(AwsPrincipals::grantKey).toList();
        breakGlass = Set.copyOf(breakGlass.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(AwsPrincipals::grantKey).toList());
    }

    /** From comma-separated lists, as environment variables and command-line flags give them. */
    public static AccessPolicy parse(String projectCreators, String breakGlass) {
        return new AccessPolicy(split(projectCreators), Set.copyOf(split(breakGlass)));
    }

    public boolean mayCreateProjects(String principal) {
        return projectCreators.stream().anyMatch(pattern -> matches(pattern, principal));
    }

    public boolean isBreakGlass(String principal) {
        return breakGlass.contains(principal);
    }

    static boolean matches(String pattern, String principal) {
        if (!pattern.contains("*")) {
            return pattern.equals(principal);
        }
        StringBuilder regex = new StringBuilder();
        String[] literals = pattern.split("\\*", -1);
        for (int i = 0; i < literals.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(principal).matches();
    }

    private static List<String> split(String list) {
        return list == null ? List.of() : List.of(list.split(",")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
