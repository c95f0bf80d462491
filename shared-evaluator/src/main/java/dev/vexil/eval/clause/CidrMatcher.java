package dev.vexil.eval.clause;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/**
 * {@code inCidr}: a string attribute holding an IP address inside any of the value ranges ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}; a bare address means a single host). Families do not mix: an IPv4 attribute never falls
 * in an IPv6 range, including IPv4-mapped ones. Ranges are pre-parsed to masks; attributes are parsed without
 * allocating and without DNS.
 */
public final class CidrMatcher implements ClauseMatcher {
    private final long[] v4Networks;
    private final long[] v4Masks;
    private final long[] v6Networks; // pairs: high, low
    private final long[] v6Masks;    // pairs: high, low

    private CidrMatcher(long[] v4Networks, long[] v4Masks, long[] v6Networks, long[] v6Masks) {
        this.v4Networks = v4Networks;
        this.v4Masks = v4Masks;
        this.v6Networks = v6Networks;
        this.v6Masks = v6Masks;
    }

    static CidrMatcher of(String operator, List<JsonNode> values) throws InvalidClauseValueException {
        String[] ranges = ClauseValues.strings(values, operator);
        long[] v4n = new long[ranges.length];
        long[] v4m = new long[ranges.length];
        long[] v6n = new long[ranges.length * 2];
        long[] v6m = new long[ranges.length * 2];
        int v4 = 0;
        int v6 = 0;
        for (int i = 0; i < ranges.length; i++) {
            String range = ranges[i];
            int slash = range.indexOf('/');
            String address = slash < 0 ? range : range.substring(0, slash);
            long ipv4 = IpAddresses.parseIpv4(address);
            boolean isV6 = ipv4 == IpAddresses.INVALID_IPV4 && IpAddresses.isIpv6(address);
            if (ipv4 == IpAddresses.INVALID_IPV4 && !isV6) {
                throw new InvalidClauseValueException(i, "invalid CIDR range '" + range + "'");
            }
            int maxBits = isV6 ? 128 : 32;
            int bits = slash < 0 ? maxBits : prefixLength(range.substring(slash + 1), maxBits);
            if (bits < 0) {
                throw new InvalidClauseValueException(i, "invalid CIDR prefix length in '" + range + "'");
            }
            if (isV6) {
                long maskHi = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
                long maskLo = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
                v6m[v6] = maskHi;
                v6m[v6 + 1] = maskLo;
                v6n[v6] = IpAddresses.ipv6High(address) & maskHi;
                v6n[v6 + 1] = IpAddresses.ipv6Low(address) & maskLo;
                v6 += 2;
            } else {
                long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
                v4m[v4] = mask;
                v4n[v4] = ipv4 & mask;
                v4++;
            }
        }
        return new CidrMatcher(Arrays.copyOf(v4n, v4), Arrays.copyOf(v4m, v4),
                Arrays.copyOf(v6n, v6), Arrays.copyOf(v6m, v6));
    }

    private static int prefixLength(String text, int maxBits) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            bits = bits * 10 + (c - '0');
        }
        return bits <= maxBits ? bits : -1;
    }

    @Override
    public boolean matches(Object attributeValue) {
        if (!(attributeValue instanceof String s)) {
            return false;
        }
        if (v4Networks.length > 0) {
            long ip = IpAddresses.parseIpv4(s);
            if (ip != IpAddresses.INVALID_IPV4) {
                for (int i = 0; i < v4Networks.length; i++) {
                    if ((ip & v4Masks[i]) == v4Networks[i]) {
                        return true;
                    }
                }
                return false;
            }
        }
        if (v6Networks.length > 0 && IpAddresses.isIpv6(s)) {
            long hi = IpAddresses.ipv6High(s);
            long lo = IpAddresses.ipv6Low(s);
            for (int i = 0; i < v6Networks.length; i += 2) {
                if ((hi & v6Masks[i]) == v6Networks[i] && (lo & v6Masks[i + 1]) == v6Networks[i + 1]) {
                    return true;
                }
            }
        }
        return false;
    }
}
