package dev.vexil.validate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * {@code address/prefix} for IPv4 (prefix 0..32) and IPv6 (0..128); a bare address is a single host. Parses literals
 * only: a host name is refused before {@link InetAddress} could resolve it.
 */
final class CidrSyntax {
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");
    private static final Pattern PREFIX = Pattern.compile("^(0|[1-9]\\d{0,2})$");

    private CidrSyntax() {
    }

    /** Null if {@code cidr} is valid, else what is wrong with it. */
    static String problem(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        String prefix = slash < 0 ? null : cidr.substring(slash + 1);
        int maxPrefix;
        if (IPV4.matcher(address).matches()) {
            maxPrefix = 32;
        } else if (address.contains(":") && IPV6_CHARS.matcher(address).matches() && isIpv6Literal(address)) {
            maxPrefix = 128;
        } else {
            return "\"" + address + "\" in \"" + cidr + "\" is not an IPv4 or IPv6 address"
                    + " (use a CIDR block such as 10.0.0.0/8 or 2001:db8::/32)";
        }
        if (prefix != null && (!PREFIX.matcher(prefix).matches() || Integer.parseInt(prefix) > maxPrefix)) {
            return "prefix length \"" + prefix + "\" in \"" + cidr + "\" must be a number from 0 to " + maxPrefix;
        }
        return null;
    }

    private static boolean isIpv6Literal(String address) {
        try {
            // A string containing ':' is parsed as an IPv6 literal; no name lookup happens.
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
