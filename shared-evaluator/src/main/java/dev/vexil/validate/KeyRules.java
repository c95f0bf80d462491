package dev.vexil.validate;

import java.util.regex.Pattern;

/** The key pattern shared by projects, environments, flags, segments, tags and rule ids (docs/architecture.md). */
public final class KeyRules {
    public static final String KEY_REGEX = "^[a-z0-9][a-z0-9._-]{0,63}$";
    private static final Pattern KEY = Pattern.compile(KEY_REGEX);

    private KeyRules() {
    }

    public static boolean isValidKey(String value) {
        return value != null && KEY.matcher(value).matches();
    }

    /**
     * Reports a problem at {@code path} unless {@code value} is a valid key; {@code what} names it for the user,
     * e.g. "flag key". Returns whether it was valid.
     */
    public static boolean check(String path, String value, String what, ProblemCollector problems) {
        if (value == null) {
            problems.add(path, what + " is required");
            return false;
        }
        if (!isValidKey(value)) {
            problems.add(path, what + " \"" + value + "\" is invalid: use 1 to 64 characters from a-z, 0-9, "
                    + "'.', '_' and '-', starting with a letter or digit");
            return false;
        }
        return true;
    }
}
