package dev.vexil.eval.clause;

/**
 * Parses IP address literals without allocating and without DNS (never {@code InetAddress.getByName}).
 * IPv4 is dotted-quad with no leading zeros; IPv6 is RFC 4291 text (with {@code ::} and an optional dotted-quad
 * tail), without a zone. An IPv6 address is returned as two longs (high and low 64 bits).
 */
public final class IpAddresses {
    /** Returned by {@link #parseIpv4} for text that is not an IPv4 address. */
    public static final long INVALID_IPV4 = -1;

    private static final int VALIDATE = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;

    private IpAddresses() {
    }

    /** The address as an unsigned 32-bit value, or {@link #INVALID_IPV4}. */
    public static long parseIpv4(String s) {
        return parseIpv4(s, 0, s.length());
    }

    public static boolean isIpv6(String s) {
        return scanIpv6(s, VALIDATE) == 1;
    }

    /** The high 64 bits of an address for which {@link #isIpv6} holds. */
    public static long ipv6High(String s) {
        return scanIpv6(s, HIGH);
    }

    /** The low 64 bits of an address for which {@link #isIpv6} holds. */
    public static long ipv6Low(String s) {
        return scanIpv6(s, LOW);
    }

    private static long parseIpv4(String s, int from, int to) {
        long value = 0;
        int i = from;
        for (int octets = 1; ; octets++) {
            int start = i;
            int octet = 0;
            while (i < to && isDigit(s.charAt(i)) && i - start < 3) {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            int length = i - start;
            if (length == 0 || octet > 255 || (length > 1 && s.charAt(start) == '0')) {
                return INVALID_IPV4;
            }
            value = value << 8 | octet;
            if (octets == 4) {
                return i == to ? value : INVALID_IPV4;
            }
            if (i >= to || s.charAt(i) != '.') {
                return INVALID_IPV4;
            }
            i++;
        }
    }

    /**
     * One pass: groups before {@code ::} are placed from the left; groups after it are shifted in from the right,
     * so they end up right-aligned without knowing their count in advance.
     */
    private static long scanIpv6(String s, int mode) {
        int n = s.length();
        if (n < 2) {
            return 0;
        }
        long hi = 0;
        long lo = 0;
        long tailHi = 0;
        long tailLo = 0;
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (s.charAt(0) == ':') {
            if (s.charAt(1) != ':') {
                return 0;
            }
            compressed = true;
            i = 2;
        }
        while (i < n) {
            int start = i;
            int group = 0;
            while (i < n && hex(s.charAt(i)) >= 0 && i - start < 5) {
                group = group << 4 | hex(s.charAt(i));
                i++;
            }
            int count;
            long value;
            if (i < n && s.charAt(i) == '.') {
                long v4 = parseIpv4(s, start, n);
                if (v4 == INVALID_IPV4) {
                    return 0;
                }
                count = 2;
                value = v4;
                i = n;
            } else {
                if (i == start || i - start > 4) {
                    return 0;
                }
                count = 1;
                value = group;
            }
            if (groups + count > (compressed ? 7 : 8)) {
                return 0;
            }
            for (int c = count - 1; c >= 0; c--) {
                long g = value >>> (16 * c) & 0xFFFF;
                if (compressed) {
                    tailHi = tailHi << 16 | tailLo >>> 48;
                    tailLo = tailLo << 16 | g;
                } else if (groups < 4) {
                    hi |= g << ((3 - groups) * 16);
                } else {
                    lo |= g << ((7 - groups) * 16);
                }
                groups++;
            }
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':' || i + 1 == n) {
                return 0;
            }
            i++;
            if (s.charAt(i) == ':') {
                if (compressed) {
                    return 0;
                }
                compressed = true;
                i++;
            }
        }
        if (compressed ? groups > 7 : groups != 8) {
            return 0; // "::" stands for at least one zero group
        }
        return switch (mode) {
            case HIGH -> hi | tailHi;
            case LOW -> lo | tailLo;
            default -> 1;
        };
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
