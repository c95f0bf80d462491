package dev.vexil.eval.clause;

/**
 * A semantic version (SemVer 2.0.0) with its precedence. Leniency as in LaunchDarkly: a missing minor or patch is
 * 0 ({@code "1.2"} is {@code 1.2.0}, {@code "1"} is {@code 1.0.0}). Numeric parts and numeric pre-release
 * identifiers must not have leading zeros. Build metadata ({@code +...}) is validated and ignored.
 *
 * <p>Clause values are parsed once ({@link #parse}); attributes are compared straight from the string by
 * {@link #compare(String, SemVer)} so that evaluation allocates nothing.
 */
public final class SemVer {
    /** Returned by {@link #compare} when the attribute is not a version. */
    public static final int INVALID = Integer.MIN_VALUE;

    private static final SemVer ZERO = new SemVer(0, 0, 0, new String[0]);
    private static final int MAX_NUMBER_DIGITS = 18;

    private final long major;
    private final long minor;
    private final long patch;
    private final String[] preRelease;

    private SemVer(long major, long minor, long patch, String[] preRelease) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
    }

    /** Parses a version, or returns null if it is not one. */
    public static SemVer parse(String s) {
        if (compare(s, ZERO) == INVALID) {
            return null;
        }
        int plus = s.indexOf('+');
        String withoutBuild = plus < 0 ? s : s.substring(0, plus);
        int dash = withoutBuild.indexOf('-');
        String core = dash < 0 ? withoutBuild : withoutBuild.substring(0, dash);
        String[] pre = dash < 0 ? new String[0] : withoutBuild.substring(dash + 1).split("\\.", -1);
        String[] parts = core.split("\\.");
        return new SemVer(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0,
                parts.length > 2 ? Long.parseLong(parts[2]) : 0, pre);
    }

    /**
     * Compares the version written in {@code s} with {@code other}: negative, zero or positive as {@code s} has
     * lower, equal or higher precedence; {@link #INVALID} if {@code s} is not a version.
     */
    public static int compare(String s, SemVer other) {
        int n = s.length();
        int i = 0;
        long major = 0;
        long minor = 0;
        long patch = 0;
        for (int part = 0; part < 3; part++) {
            int start = i;
            long value = 0;
            while (i < n && isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int length = i - start;
            if (length == 0 || length > MAX_NUMBER_DIGITS || (length > 1 && s.charAt(start) == '0')) {
                return INVALID;
            }
            if (part == 0) {
                major = value;
            } else if (part == 1) {
                minor = value;
            } else {
                patch = value;
            }
            if (part < 2 && i < n && s.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        int preStart = -1;
        int preEnd = -1;
        if (i < n && s.charAt(i) == '-') {
            preStart = ++i;
            while (i < n && s.charAt(i) != '+') {
                i++;
            }
            preEnd = i;
            if (!validIdentifiers(s, preStart, preEnd, true)) {
                return INVALID;
            }
        }
        if (i < n && s.charAt(i) == '+') {
            if (!validIdentifiers(s, i + 1, n, false)) {
                return INVALID;
            }
            i = n;
        }
        if (i != n) {
            return INVALID;
        }
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        return comparePreRelease(s, preStart, preEnd, other.preRelease);
    }

    /** A version without pre-release is higher than one with; otherwise identifiers compare left to right. */
    private static int comparePreRelease(String s, int from, int to, String[] other) {
        if (from < 0) {
            return other.length == 0 ? 0 : 1;
        }
        if (other.length == 0) {
            return -1;
        }
        int index = 0;
        int start = from;
        while (start <= to) {
            int end = start;
            while (end < to && s.charAt(end) != '.') {
                end++;
            }
            if (index == other.length) {
                return 1; // more identifiers, all previous equal
            }
            int c = compareIdentifier(s, start, end, other[index]);
            if (c != 0) {
                return c;
            }
            index++;
            start = end + 1;
        }
        return index == other.length ? 0 : -1;
    }

    private static int compareIdentifier(String s, int start, int end, String other) {
        boolean numeric = allDigits(s, start, end);
        boolean otherNumeric = allDigits(other, 0, other.length());
        if (numeric && otherNumeric) {
            int byLength = Integer.compare(end - start, other.length()); // no leading zeros
            if (byLength != 0) {
                return Integer.signum(byLength);
            }
        } else if (numeric != otherNumeric) {
            return numeric ? -1 : 1; // numeric identifiers have lower precedence
        }
        int length = Math.min(end - start, other.length());
        for (int k = 0; k < length; k++) {
            int c = Character.compare(s.charAt(start + k), other.charAt(k));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.signum(Integer.compare(end - start, other.length()));
    }

    private static boolean validIdentifiers(String s, int from, int to, boolean noLeadingZeros) {
        if (from >= to) {
            return false;
        }
        int start = from;
        while (start <= to) {
            int end = start;
            while (end < to && s.charAt(end) != '.') {
                char c = s.charAt(end);
                if (!(isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
                    return false;
                }
                end++;
            }
            if (end == start) {
                return false;
            }
            if (noLeadingZeros && end - start > 1 && s.charAt(start) == '0' && allDigits(s, start, end)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean allDigits(String s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.length == 0 ? "" : "-" + String.join(".", preRelease));
    }
}
